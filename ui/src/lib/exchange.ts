import type { Answer, AppError } from "./types";

/** One question and its reply in the conversation. */
export interface Exchange {
  id: number;
  question: string;
  /** The article the question was asked of, when not the whole library. */
  scope: { document: string; title: string } | null;
  pending: boolean;
  answer: Answer | null;
  error: AppError | null;
}
