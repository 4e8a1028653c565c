/**
 * A team's project as typed by the team: the summary as text (line breaks kept, never HTML),
 * its links opening in a new tab without giving that page a handle on ours, and its tags.
 */
import { safeHref } from "../lib/safeUrl";
import { CodeIcon, ExternalIcon, PlayIcon } from "./Icons";
import "./ProjectLinks.css";

interface Project {
  summary: string;
  repoUrl: string | null;
  demoUrl: string | null;
  videoUrl: string | null;
  builtWith: string[];
}

export function ProjectBody({ project }: { project: Project }) {
  const links = [
    { url: safeHref(project.demoUrl), label: "Open demo", Icon: ExternalIcon },
    { url: safeHref(project.repoUrl), label: "Open code", Icon: CodeIcon },
    { url: safeHref(project.videoUrl), label: "Watch video", Icon: PlayIcon },
  ];
  return (
    <>
      <p className="project-summary">{project.summary}</p>
      {links.some((l) => l.url) && (
        <div className="project-links">
          {links.map(({ url, label, Icon }) =>
            url ? (
              <a
                key={label}
                className="btn btn-secondary"
                href={url}
                target="_blank"
                rel="noopener noreferrer"
              >
                <Icon />
                {label}
                <span className="visually-hidden"> (opens in a new tab)</span>
              </a>
            ) : null,
          )}
        </div>
      )}
      {project.builtWith.length > 0 && (
        <>
          <h3 className="project-heading">Built with</h3>
          <ul className="project-tags">
            {project.builtWith.map((tag) => (
              <li key={tag}>{tag}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
