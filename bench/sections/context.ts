import type { Figure } from '../lib/figure';
import type { BenchOptions } from '../lib/options';

export interface SectionResult {
  figures: Figure[];
  /** Raw measurements behind the figures, for the JSON file. */
  details: Record<string, unknown>;
  /** Set when the section could not run; printed instead of its figures. */
  skipped?: string;
  /** Printed after the figures, e.g. a profile summary. */
  extraLines?: string[];
}

export interface SectionContext {
  options: BenchOptions;
  /** Prints a progress line (to stderr, so stdout stays one line per figure). */
  log(message: string): void;
}
