// The surveys area: runs and anonymous responses in tables of their own, answered
// through the general flow runner by any subject (a help-seeker's contact after a case,
// an event participant), never linked to a help-seeker contact once completed.
export { RESPONSE_SOURCES, RESPONSE_STATUSES, SURVEY_KINDS } from './model.js';
export type { ResponseSource, ResponseStatus, SurveyKind, SurveyResponse, SurveyRun, SurveyStore } from './model.js';
export { respondentKeys, type RespondentKey } from './respondent.js';
export { createSurveyRetention, type SurveyRetentionResult, type SurveyRetentionStore } from './retention.js';
export { evaluationForm, type FormTranslate } from './form.js';
export { reportAnswer, reportAnswers, reportResponseOf } from './report-response.js';
export { PAPER_EXPECTED, type PaperExpected } from './paper/expected.js';
export { readCell, readPaperFile, readPaperTable, readResponsesFile, RESPONDENT_COLUMN, RESPONDENT_MAX, type PaperResponse, type PaperTable, type ResponsesFile } from './paper/responses-file.js';
export { importPaper, type PaperImport, type PaperImportInput, type PaperTarget } from './paper/import.js';
export { type CodingOf, codingForReports, type EvaluationReportInput, type EvaluationReportOf, type EvaluationSubject, evaluationReport } from './evaluation-report.js';
export { createSurveys, type Closed, type SurveyConversations, type Surveys, type SurveyTurn } from './surveys.js';

/** The flow actions the surveys area handles: none yet (a survey only asks and thanks). */
export const SURVEY_ACTIONS: readonly string[] = [];
export * from './coding/index.js';
