import type { Body } from '../state/body';
import type { CommandResult } from '../state/result';
import type { CommandContext, SandboxState } from '../state/types';

export type CommandFn = (state: SandboxState, body: Body, ctx: CommandContext) => CommandResult;
