import type { Answer, AppError } from "./types";

/** One question and its reply in the conversation. */
export interface Exchange {
  id: number;
  question: string;
  pending: boolean;
  answer: Answer | null;
  error: AppError | null;
}
