// Database chores for when the app is stopped, on the configured database (DATA_DIR or DATABASE_URL):
//   npm run export -- --out FILE        write the whole database as one JSON document
//   npm run import -- FILE [--replace]   load such a document (into an empty database unless --replace)
//   npm run purge -- --event SLUG        delete the children's personal data of a finished event
import { runDbCommand } from "./dbCommand";

process.exitCode = await runDbCommand(process.argv.slice(2));
