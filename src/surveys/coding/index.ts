// Coding of a survey form's open answers: codebooks, coders, resolutions, quotes, and the summary the report takes.
export { openAnswersOf, parseAnswerRef } from './answer-ref.js';
export { type CodebookRead, codebookFromTable, codebookFromYaml, NO_THEME } from './codebook-file.js';
export { type CodebookImported, type Coded, createCoding, MAX_CODERS, MAX_QUOTE, type NextAnswer, parseThemeList, type Quoted, type Resolved, type SurveyCoding } from './coding.js';
export type { CodebookScope, CodebookTheme, CodedResponse, Coding, CodingStore, CodingTarget, OpenAnswer, Quote, Resolution } from './model.js';
export { agreedThemes, type CodingSummary, summarise } from './summary.js';
export { type AnswerToCode, type ChatCoder, type CodingChat, type CodingEvent, type CodingEvents, type CodingScreen, createCodingChat, type DisagreementToSettle } from './coding-chat.js';
