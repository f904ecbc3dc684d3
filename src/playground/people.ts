import { DEMO_OWNER_NAMES, DEMO_OWNERS, demoOwnerLocale } from '../demo/demo-data.js';
import type { Persona, SlackPerson } from './state.js';

/** The demo team the playground stands in for: its Slack workspace and its channels. */
export const PLAYGROUND_TEAM = { id: 'T0DEMO', domain: 'leadops-demo', name: 'leadops demo' };
export const SALES_CHANNEL = { id: 'C0SALES', name: 'sales' };
export const MANAGERS_CHANNEL = { id: 'C0MANAGERS', name: 'sales-managers' };
/** Where sales and marketing discuss the bottlenecks the bot flags (DOMAIN.md "Alignment"). */
export const ALIGNMENT_CHANNEL = { id: 'C0ALIGN', name: 'sales-marketing' };

export type { Persona };

/**
 * Two reps (one of them working in 中文), a manager and an admin. The reps are owners
 * of demo leads, so their lists and the App Home have something in them.
 */
export const PERSONAS: readonly Persona[] = [
  { id: DEMO_OWNERS[2], name: 'zhang.wei', realName: DEMO_OWNER_NAMES[DEMO_OWNERS[2]], locale: 'en-US', timeZone: 'Asia/Shanghai', title: 'Account executive', role: 'rep' },
  { id: DEMO_OWNERS[0], name: 'wang.fang', realName: DEMO_OWNER_NAMES[DEMO_OWNERS[0]], locale: 'zh-CN', timeZone: 'Asia/Shanghai', title: '销售代表', role: 'rep' },
  { id: 'U0DEMOMGR', name: 'sarah.lin', realName: 'Sarah Lin', locale: 'en-US', timeZone: 'Asia/Shanghai', title: 'Sales manager', role: 'manager' },
  { id: 'U0DEMOADM', name: 'admin', realName: 'Alex Admin', locale: 'en-US', timeZone: 'Asia/Shanghai', title: 'Workspace admin', role: 'admin' },
];

/** Everyone Slack knows of in the demo team: the personas and the other demo reps. */
export function demoPeople(): SlackPerson[] {
  const others = DEMO_OWNERS.filter((id) => !PERSONAS.some((persona) => persona.id === id)).map((id) => ({
    id,
    name: DEMO_OWNER_NAMES[id].toLowerCase().replace(/\s+/g, '.'),
    realName: DEMO_OWNER_NAMES[id],
    locale: demoOwnerLocale(id),
    timeZone: 'Asia/Shanghai',
  }));
  return [...PERSONAS, ...others];
}
