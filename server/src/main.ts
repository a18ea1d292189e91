import { runConsole } from './run';

await runConsole();
