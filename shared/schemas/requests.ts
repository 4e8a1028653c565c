/**
 * What each write takes as its JSON body, by its method and path under /api ("PATCH
 * /events/{slug}/prizes/{id}"); null for a write that takes none. The API reference documents
 * these schemas (server/routes/reference/registry.ts reads them from here) and the client's
 * typed writes (`api.send`) take their z.input, so a page cannot send a body the route would
 * refuse for its shape. tests/unit/mutations.test.ts checks every write has an entry.
 */
import { CeremonyScreenSchema, TieDecisionSchema } from "./ceremony";
import {
  CheckInMembersSchema,
  CheckInScanSchema,
  CheckOutMembersSchema,
  TableNumberSchema,
} from "./checkIn";
import { ClockActionSchema } from "./clock";
import {
  AnnouncementCreateSchema,
  CategoryCreateSchema,
  CategoryEditSchema,
  EventCreateSchema,
  EventUpdateSchema,
  JudgeEditSchema,
  JudgeInviteSchema,
  PrizeCreateSchema,
  PrizeEditSchema,
} from "./event";
import { CommentModerationSchema, FeedbackReleaseSchema } from "./feedback";
import { AssignmentsSchema, PanelSizeSchema, RankingModeSchema, ScoreSaveSchema } from "./judging";
import { SchoolMergeSchema, SchoolRenameSchema } from "./school";
import {
  InviteAcceptSchema,
  ResetCompleteSchema,
  ResetRequestSchema,
  SetupSchema,
  SignInSchema,
} from "./session";
import { LinkBaseSchema } from "./settings";
import { PresentationOrderSchema, SlotChangeSchema, StageActionSchema } from "./stage";
import { SubmissionSaveSchema, SubmissionWithdrawSchema } from "./submission";
import {
  PupilMoveSchema,
  SchoolCheckInSchema,
  SchoolTeamsCreateSchema,
  TeacherDecisionSchema,
  TeacherInviteSchema,
  TeacherRequestSchema,
} from "./teacher";
import {
  ConsentAnswerSchema,
  ConsentRecordSchema,
  MemberEditSchema,
  MemberSchema,
  TeamCreateSchema,
  TeamEditSchema,
} from "./team";

export const MUTATION_BODIES = {
  "POST /session": SignInSchema,
  "DELETE /session": null,
  "POST /setup": SetupSchema,
  "POST /events/{slug}/purge": null,
  "POST /events": EventCreateSchema,
  "PATCH /events/{slug}": EventUpdateSchema,
  "POST /events/{slug}/categories": CategoryCreateSchema,
  "PUT /events/{slug}/categories/{id}": CategoryEditSchema,
  "DELETE /events/{slug}/categories/{id}": null,
  "POST /events/{slug}/categories/{id}/ranking": RankingModeSchema,
  "POST /events/{slug}/prizes": PrizeCreateSchema,
  "PATCH /events/{slug}/prizes/{id}": PrizeEditSchema,
  "DELETE /events/{slug}/prizes/{id}": null,
  "POST /events/{slug}/judges": JudgeInviteSchema,
  "PUT /events/{slug}/judges/{id}": JudgeEditSchema,
  "POST /events/{slug}/judges/{id}/invite": null,
  "PUT /events/{slug}/judges/{id}/assignments": AssignmentsSchema,
  "POST /events/{slug}/teachers": TeacherInviteSchema,
  "POST /events/{slug}/teachers/{id}/invite": null,
  "POST /events/{slug}/teachers/requests": TeacherRequestSchema,
  "POST /events/{slug}/teachers/{id}/decision": TeacherDecisionSchema,
  "POST /teachers/me/pupils/{id}/move": PupilMoveSchema,
  "POST /teachers/me/check-in": SchoolCheckInSchema,
  "POST /teachers/me/pupils/{id}/consent-link": null,
  "POST /teachers/me/teams": SchoolTeamsCreateSchema,
  "POST /invites/{token}": InviteAcceptSchema,
  "POST /password-resets": ResetRequestSchema,
  "POST /password-resets/{token}": ResetCompleteSchema,
  "POST /events/{slug}/teams/{id}/password-reset": null,
  "POST /events/{slug}/judges/{id}/password-reset": null,
  "POST /events/{slug}/clock": ClockActionSchema,
  "POST /events/{slug}/announcements": AnnouncementCreateSchema,
  "DELETE /events/{slug}/announcements/{id}": null,
  "POST /events/{slug}/teams": TeamCreateSchema,
  "PATCH /events/{slug}/schools/{id}": SchoolRenameSchema,
  "POST /events/{slug}/schools/{id}/merge": SchoolMergeSchema,
  "POST /events/{slug}/teams/{id}/members/{memberId}/consent": ConsentRecordSchema,
  "POST /events/{slug}/teams/{id}/members/{memberId}/consent-link": null,
  "POST /events/{slug}/teams/{id}/check-in": null,
  "POST /events/{slug}/check-in/scan": CheckInScanSchema,
  "POST /events/{slug}/check-in/members": CheckInMembersSchema,
  "POST /events/{slug}/check-out/members": CheckOutMembersSchema,
  "POST /events/{slug}/check-out/everyone": null,
  "PUT /events/{slug}/teams/{id}/table": TableNumberSchema,
  "PATCH /events/{slug}/teams/{id}": TeamEditSchema,
  "PATCH /events/{slug}/teams/{id}/members/{memberId}": MemberEditSchema,
  "PATCH /teams/me/members/{id}": MemberEditSchema,
  "DELETE /events/{slug}/teams/{id}/check-in": null,
  "DELETE /events/{slug}/teams/{id}/members/{memberId}/consent": null,
  "POST /teams/me/members": MemberSchema,
  "POST /teams/me/members/{id}/consent-link": null,
  "DELETE /teams/me/members/{id}": null,
  "POST /consent/{token}": ConsentAnswerSchema,
  "PUT /teams/me/submission": SubmissionSaveSchema,
  "POST /events/{slug}/submissions/{teamId}/withdraw": SubmissionWithdrawSchema,
  "PUT /judging/scores/{teamId}": ScoreSaveSchema,
  "PUT /events/{slug}/judging/panels": PanelSizeSchema,
  "POST /events/{slug}/judging/panels/even-out": null,
  "POST /events/{slug}/scoring/lock": null,
  "POST /events/{slug}/ceremony/next": null,
  "POST /events/{slug}/ceremony/screen": CeremonyScreenSchema,
  "POST /events/{slug}/awards/{id}/team": TieDecisionSchema,
  "POST /events/{slug}/stage": StageActionSchema,
  "PUT /events/{slug}/presentations/{categoryId}": PresentationOrderSchema,
  "POST /events/{slug}/presentations/{categoryId}/shuffle": null,
  "PUT /events/{slug}/presentations/{categoryId}/teams/{teamId}": SlotChangeSchema,
  "POST /events/{slug}/feedback/release": FeedbackReleaseSchema,
  "PATCH /events/{slug}/feedback/comments": CommentModerationSchema,
  "PUT /settings/links": LinkBaseSchema,
} as const;
