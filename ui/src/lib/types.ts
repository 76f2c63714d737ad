// The shapes that cross the IPC boundary. They are generated from the Rust definitions
// (src-tauri/src/types.rs writes types.gen.ts; a Rust test fails when it is stale), and
// re-exported here so that components keep importing from one place.
//
// All offsets are UTF-8 BYTE offsets into the document text (end-exclusive);
// `Passage.text` starts at byte `Passage.start`. Use `lib/text.ts` to turn them into
// JavaScript string indices.

export type {
  Span,
  BlockKind,
  Block,
  QuoteKind,
  Mention,
  Quote,
  Person,
  Metadata,
  Document,
  DocumentInfo,
  AnswerSpan,
  Passage,
  Answer,
  SpeakerQuotes,
  QuoteSearch,
  SpeakerInfo,
  CitedQuote,
  TopicSpeaker,
  TopicQuotes,
  DatedDescription,
  Alongside,
  SpeakerRecord,
  ScopeArgs,
  ChosenFiles,
  ErrorKind,
  AppError,
  ImportProgress,
  ImportReport,
  AppInfo,
  Command,
} from "./types.gen";
export { COMMANDS, DEFAULT_PASSAGES, ERROR_KINDS, IMPORT_EXTENSIONS } from "./types.gen";
