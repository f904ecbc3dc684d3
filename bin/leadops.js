#!/usr/bin/env node
// The `leadops` command: runs the TypeScript CLI through tsx, as `npm start` runs the bot.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
