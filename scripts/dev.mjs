// `pnpm dev`: the BFF (with the sandbox) on :8080 in watch mode and Vite on :5173 proxying to it.
import { spawn } from 'node:child_process';

const children = [
  spawn('pnpm', ['--filter', '@console/server', 'dev'], { stdio: 'inherit' }),
  spawn('pnpm', ['--filter', '@console/client', 'dev'], { stdio: 'inherit' }),
];
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', (code) => code && code !== 0 && stop());
