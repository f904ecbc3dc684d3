import type { WebClient } from '@slack/web-api';

/**
 * A file someone shared with the bot (a modal's file input), fetched as Slack serves it:
 * files.info for what it is, then its url_private with the bot's token. Slack answers a
 * request without a good token with its sign-in page, not an error, so a page of HTML is
 * taken for what it is.
 */

export class SharedFileUnavailable extends Error {
  readonly code = 'shared_file_unavailable';
  constructor(
    readonly reason: 'not_found' | 'too_large' | 'not_served',
    readonly fileName?: string,
    readonly maxBytes?: number,
  ) {
    super(`shared file ${reason}${fileName ? `: ${fileName}` : ''}`);
  }
}

export interface SharedFile {
  id: string;
  name: string;
  bytes: Uint8Array;
}

interface FileInfo {
  id?: string;
  name?: string;
  size?: number;
  url_private?: string;
}

export async function downloadSharedFile(client: WebClient, fileId: string, maxBytes: number): Promise<SharedFile> {
  let file: FileInfo | undefined;
  try {
    file = ((await client.files.info({ file: fileId })) as { file?: FileInfo }).file;
  } catch (error) {
    if ((error as { data?: { error?: string } }).data?.error === 'file_not_found') throw new SharedFileUnavailable('not_found');
    throw error;
  }
  if (!file?.url_private) throw new SharedFileUnavailable('not_found');
  const name = file.name ?? fileId;
  if ((file.size ?? 0) > maxBytes) throw new SharedFileUnavailable('too_large', name, maxBytes);
  const response = await fetch(file.url_private, { headers: { authorization: `Bearer ${client.token ?? ''}` } });
  if (!response.ok || !response.body || response.headers.get('content-type')?.startsWith('text/html')) {
    await response.body?.cancel();
    throw new SharedFileUnavailable('not_served', name);
  }
  // Counted as it arrives: files.info's size is what Slack says, the bytes are what comes.
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = response.body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    length += read.value.length;
    if (length > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new SharedFileUnavailable('too_large', name, maxBytes);
    }
    chunks.push(read.value);
  }
  return { id: fileId, name, bytes: Buffer.concat(chunks) };
}
