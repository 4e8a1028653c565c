// The response schemas (shared/schemas/responses.ts) document the API; the types in
// shared/api.ts are what the client reads. These checks run in the type check (npm test runs
// tsc over the tests): a field added, removed or retyped on one side and not the other fails it.
import { describe, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import type * as Api from "../../shared/api";
import type { Announcement } from "../../shared/events";
import type * as S from "../../shared/schemas/responses";

type Out<T extends z.ZodType> = z.output<T>;

describe("response schemas", () => {
  it("describe exactly the types the client reads", () => {
    expectTypeOf<Out<typeof S.SessionUserSchema>>().toEqualTypeOf<Api.SessionUser>();
    expectTypeOf<Out<typeof S.CriterionViewSchema>>().toEqualTypeOf<Api.CriterionView>();
    expectTypeOf<Out<typeof S.CategoryViewSchema>>().toEqualTypeOf<Api.CategoryView>();
    expectTypeOf<Out<typeof S.SchoolOptionSchema>>().toEqualTypeOf<Api.SchoolOption>();
    expectTypeOf<Out<typeof S.SchoolViewSchema>>().toEqualTypeOf<Api.SchoolView>();
    expectTypeOf<Out<typeof S.PrizeViewSchema>>().toEqualTypeOf<Api.PrizeView>();
    expectTypeOf<Out<typeof S.EventViewSchema>>().toEqualTypeOf<Api.EventView>();
    expectTypeOf<Out<typeof S.EventSummarySchema>>().toEqualTypeOf<Api.EventSummary>();
    expectTypeOf<Out<typeof S.JudgeViewSchema>>().toEqualTypeOf<Api.JudgeView>();
    expectTypeOf<Out<typeof S.TeacherViewSchema>>().toEqualTypeOf<Api.TeacherView>();
    expectTypeOf<Out<typeof S.SchoolContactSchema>>().toEqualTypeOf<Api.SchoolContact>();
    expectTypeOf<Out<typeof S.TeacherHomeSchema>>().toEqualTypeOf<Api.TeacherHome>();
    expectTypeOf<Out<typeof S.PupilLinkSentSchema>>().toEqualTypeOf<Api.PupilLinkSent>();
    expectTypeOf<
      Out<typeof S.SchoolTeamsRegisteredSchema>
    >().toEqualTypeOf<Api.SchoolTeamsRegistered>();
    expectTypeOf<Out<typeof S.ClockSchema>>().toEqualTypeOf<Api.Clock>();
    expectTypeOf<Out<typeof S.AnnouncementSchema>>().toEqualTypeOf<Announcement>();
    expectTypeOf<Out<typeof S.MemberViewSchema>>().toEqualTypeOf<Api.MemberView>();
    expectTypeOf<Out<typeof S.TeamViewSchema>>().toEqualTypeOf<Api.TeamView>();
    expectTypeOf<Out<typeof S.MyTeamViewSchema>>().toEqualTypeOf<Api.MyTeamView>();
    expectTypeOf<Out<typeof S.ConsentRequestViewSchema>>().toEqualTypeOf<Api.ConsentRequestView>();
    expectTypeOf<Out<typeof S.OutboxViewSchema>>().toEqualTypeOf<Api.OutboxView>();
    expectTypeOf<Out<typeof S.OrganizerContactSchema>>().toEqualTypeOf<Api.OrganizerContact>();
    expectTypeOf<Out<typeof S.SubmissionViewSchema>>().toEqualTypeOf<Api.SubmissionView>();
    expectTypeOf<
      Out<typeof S.SubmissionVersionViewSchema>
    >().toEqualTypeOf<Api.SubmissionVersionView>();
    expectTypeOf<Out<typeof S.ResetLinkViewSchema>>().toEqualTypeOf<Api.ResetLinkView>();
    expectTypeOf<Out<typeof S.ResetViewSchema>>().toEqualTypeOf<Api.ResetView>();
    expectTypeOf<
      Out<typeof S.SubmissionWithdrawnSchema>
    >().toEqualTypeOf<Api.SubmissionWithdrawn>();
    expectTypeOf<Out<typeof S.AssignmentViewSchema>>().toEqualTypeOf<Api.AssignmentView>();
    expectTypeOf<Out<typeof S.ScoreSavedSchema>>().toEqualTypeOf<Api.ScoreSaved>();
    expectTypeOf<Out<typeof S.LeaderboardSchema>>().toEqualTypeOf<Api.Leaderboard>();
    expectTypeOf<Out<typeof S.JudgingProgressSchema>>().toEqualTypeOf<Api.JudgingProgress>();
    expectTypeOf<Out<typeof S.AwardSchema>>().toEqualTypeOf<Api.Award>();
    expectTypeOf<Out<typeof S.CeremonyStateSchema>>().toEqualTypeOf<Api.CeremonyState>();
    expectTypeOf<Out<typeof S.CeremonyPlanSchema>>().toEqualTypeOf<Api.CeremonyPlan>();
    expectTypeOf<Out<typeof S.CertificateTeamSchema>>().toEqualTypeOf<Api.CertificateTeam>();
    expectTypeOf<Out<typeof S.CertificatesSchema>>().toEqualTypeOf<Api.Certificates>();
    expectTypeOf<Out<typeof S.TeamCertificatesSchema>>().toEqualTypeOf<Api.TeamCertificates>();
    expectTypeOf<Out<typeof S.StageStateSchema>>().toEqualTypeOf<Api.StageState>();
    expectTypeOf<Out<typeof S.PresentationsViewSchema>>().toEqualTypeOf<Api.PresentationsView>();
    expectTypeOf<Out<typeof S.JudgeStageViewSchema>>().toEqualTypeOf<Api.JudgeStageView>();
    expectTypeOf<Out<typeof S.TeamFeedbackSchema>>().toEqualTypeOf<Api.TeamFeedback>();
    expectTypeOf<Out<typeof S.FeedbackOverviewSchema>>().toEqualTypeOf<Api.FeedbackOverview>();
    expectTypeOf<Out<typeof S.FeedbackCommentSchema>>().toEqualTypeOf<Api.FeedbackComment>();
    expectTypeOf<
      Out<typeof S.CommentModerationEntrySchema>
    >().toEqualTypeOf<Api.CommentModerationEntry>();
    expectTypeOf<Out<typeof S.LinkBaseViewSchema>>().toEqualTypeOf<Api.LinkBaseView>();
    expectTypeOf<Out<typeof S.ConsentLinkSentSchema>>().toEqualTypeOf<Api.ConsentLinkSent>();
    expectTypeOf<Out<typeof S.CheckInMemberViewSchema>>().toEqualTypeOf<Api.CheckInMemberView>();
    expectTypeOf<Out<typeof S.CheckInTeamViewSchema>>().toEqualTypeOf<Api.CheckInTeamView>();
    expectTypeOf<Out<typeof S.CheckInScanViewSchema>>().toEqualTypeOf<Api.CheckInScanView>();
    expectTypeOf<Out<typeof S.BadgeSheetViewSchema>>().toEqualTypeOf<Api.BadgeSheetView>();
    expectTypeOf<Out<typeof S.PhotoListEntrySchema>>().toEqualTypeOf<Api.PhotoListEntry>();
    expectTypeOf<Out<typeof S.CheckInCodeViewSchema>>().toEqualTypeOf<Api.CheckInCodeView>();
  });
});
