// The surveys area: runs and anonymous responses in tables of their own, answered
// through the general flow runner by any subject (a help-seeker's contact after a case,
// an event participant), never linked to a help-seeker contact once completed.
export { RESPONSE_SOURCES, RESPONSE_STATUSES, RUN_NOT_SENT, SURVEY_KINDS, takesAnswersAt } from './model.js';
export type { FormWording, RespondentProfile, ResponseSource, ResponseStatus, SurveyKind, SurveyResponse, SurveyRun, SurveyStore } from './model.js';
export { respondentKeys, type RespondentKey } from './respondent.js';
export { createSurveyRetention, type SurveyRetentionResult, type SurveyRetentionStore } from './retention.js';
export { evaluationForm, evaluationForms, type FormTranslate, formTranslate, formWording } from './form.js';
export { reportAnswer, reportAnswers, reportResponseOf } from './report-response.js';
export { PAPER_EXPECTED, type PaperExpected } from './paper/expected.js';
export { readCell, readPaperFile, readPaperTable, readResponsesFile, RESPONDENT_COLUMN, RESPONDENT_MAX, type PaperResponse, type PaperTable, type ResponsesFile } from './paper/responses-file.js';
export { importPaper, type PaperImport, type PaperImportInput, type PaperTarget } from './paper/import.js';
export { type CodingOf, codingForReports, type EvaluationReportInput, type EvaluationReportOf, type EvaluationSubject, evaluationReport } from './evaluation-report.js';
export { createSurveys, type Closed, type SurveyConversations, type Surveys, type SurveyTurn } from './surveys.js';

/** The flow actions the surveys area handles: none yet (a survey only asks and thanks). */
export const SURVEY_ACTIONS: readonly string[] = [];
export * from './coding/index.js';

// Evaluation runs in the chat: an event's checked-in participants receive the survey at the
// programme's evaluation slot, or anyone opens a run by its link or QR code; one-way tokens
// stop a second response, reminders go to the unfinished, organisers see counts only.
export { newRunCode, parseRunCode, RUN_START_PREFIX, runLink } from './run-code.js';
export {
  chatSubject,
  type MessagePayload,
  participantSubject,
  RUN_PURPOSES,
  type RunToken,
  runTokens,
  runTopic,
  type RunWho,
  type SurveyAttendees,
  type SurveyEvent,
  type SurveyRecipient,
  SURVEYS_AREA,
  type SurveyWriter,
} from './run-ports.js';
export { type RunCounts, type SurveyRunStore, TOKEN_STATUSES, type TokenStatus } from './run-store.js';
export { createRunChat, type OpenRun, type RunAnswer, type RunChat, type RunRefusal } from './run-chat.js';
export { createRunDelivery, type RunDelivery, type RunTick } from './run-delivery.js';
export {
  type Closing,
  createSurveyRuns,
  DEFAULT_REMIND_AFTER_MINUTES,
  MAX_REMIND_AFTER_MINUTES,
  type Opened,
  RUN_BUTTON_PREFIX_BYTES,
  type RunOpening,
  type RunProblem,
  type RunSummary,
  type SurveyRuns,
} from './runs.js';
