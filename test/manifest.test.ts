import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BOT_EVENTS, MESSAGE_SHORTCUTS, SLASH_COMMANDS } from '../src/slack/listeners/index.js';

const manifest = JSON.parse(readFileSync(new URL('../manifests/manifest.json', import.meta.url), 'utf8')) as {
  features: {
    slash_commands: Array<{ command: string; should_escape?: boolean }>;
    shortcuts?: Array<{ name: string; type: string; callback_id: string; description: string }>;
    app_home: { home_tab_enabled: boolean };
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean };
};

describe('the Slack app manifest a team imports', () => {
  it('declares exactly the slash commands the app registers, with mentions escaped for /lead assign', () => {
    expect(manifest.features.slash_commands.map((command) => command.command).sort()).toEqual([...SLASH_COMMANDS].sort());
    expect(manifest.features.slash_commands.every((command) => command.should_escape === true)).toBe(true);
  });

  it('declares exactly the message shortcuts the app registers, within Slack\'s lengths (name 24, description 150)', () => {
    const shortcuts = manifest.features.shortcuts ?? [];
    expect(shortcuts.filter((shortcut) => shortcut.type === 'message').map((shortcut) => shortcut.callback_id).sort()).toEqual([...MESSAGE_SHORTCUTS].sort());
    expect(shortcuts.find((shortcut) => shortcut.callback_id === 'lead_from_message')?.name).toBe('Create lead from message');
    for (const shortcut of shortcuts) {
      expect(shortcut.name.length).toBeLessThanOrEqual(24);
      expect(shortcut.description.length).toBeGreaterThan(0);
      expect(shortcut.description.length).toBeLessThanOrEqual(150);
    }
  });

  it('subscribes to exactly the events the app listens to, and turns on interactivity and the Home tab', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([...BOT_EVENTS].sort());
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });

  it('asks for the scopes of every Web API method the bot calls', () => {
    const scopesByMethod: Record<string, string[]> = {
      'chat.postMessage': ['chat:write'],
      'chat.postEphemeral': ['chat:write'],
      'chat.getPermalink': [],
      'views.open': [],
      'views.publish': [],
      'conversations.join': ['channels:join'],
      'conversations.open': ['im:write'],
      'users.info': ['users:read'],
      'users.list': ['users:read', 'users:read.email'],
      'files.getUploadURLExternal': ['files:write'],
      'files.info': ['files:read'],
      'conversations.history': ['channels:history', 'groups:history'],
    };
    const needed = new Set(['commands', ...Object.values(scopesByMethod).flat()]);
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining([...needed]));
  });

  it('works without a public URL: Socket Mode on, so it imports as is', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });
});
