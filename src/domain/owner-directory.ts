/**
 * Who a sheet's owner cell means (issue 17): a Slack user by id, display name, real name
 * or email. Slack gives these through users.list; the command line knows the members the
 * workspace has seen and a mapping file. A cell that fits one person is theirs; one that
 * fits several, or nobody, is nobody's: the importer lists it and never guesses.
 */

export interface OwnerCandidate {
  userId: string;
  displayName?: string;
  realName?: string;
  email?: string;
}

export type OwnerMatch = { kind: 'matched'; userId: string } | { kind: 'ambiguous'; userIds: string[] } | { kind: 'unmatched' };

/** A name as people type it: full-width letters and spaces folded (NFKC), case and runs of spaces ignored. */
export function ownerKey(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Every key a candidate answers to, each to the people it names, sorted so an ambiguity always reads the same. */
export type OwnerIndex = ReadonlyMap<string, readonly string[]>;

export function ownerIndex(candidates: readonly OwnerCandidate[]): OwnerIndex {
  const sets = new Map<string, Set<string>>();
  for (const candidate of candidates) {
    for (const value of [candidate.userId, candidate.displayName, candidate.realName, candidate.email]) {
      const key = value ? ownerKey(value) : '';
      if (!key) continue;
      const ids = sets.get(key) ?? new Set<string>();
      ids.add(candidate.userId);
      sets.set(key, ids);
    }
  }
  return new Map([...sets].map(([key, ids]) => [key, [...ids].sort()]));
}

export function matchOwnerIn(index: OwnerIndex, cell: string): OwnerMatch {
  const userIds = index.get(ownerKey(cell)) ?? [];
  if (userIds.length === 1) return { kind: 'matched', userId: userIds[0]! };
  return userIds.length === 0 ? { kind: 'unmatched' } : { kind: 'ambiguous', userIds: [...userIds] };
}

const indexes = new WeakMap<readonly OwnerCandidate[], OwnerIndex>();

/** The one person `cell` names among `candidates`; a sheet's thousands of rows against one list index it once. */
export function matchOwner(cell: string, candidates: readonly OwnerCandidate[]): OwnerMatch {
  let index = indexes.get(candidates);
  if (!index) indexes.set(candidates, (index = ownerIndex(candidates)));
  return matchOwnerIn(index, cell);
}

/**
 * The owner mapping file (`--owners`): two columns, the name as the sheet writes it and
 * the Slack user id or email it means, under headers in 中文 or English.
 */
export const OWNER_MAPPING_HEADERS = {
  name: ['name', 'sheet name', 'owner', 'sheet owner', '负责人', '姓名', '名字', '表中姓名'],
  owner: ['slack', 'slack user', 'slack user id', 'slack id', 'user id', 'user', 'member id', 'email', 'e-mail', 'mail', '邮箱', '电子邮件', 'slack 用户', 'slack 账号', '用户', '用户id', '账号'],
} as const;

const mappingHeaderKey = (header: string) => header.normalize('NFKC').replace(/[\s_\-:：]+/g, '').toLowerCase();

const MAPPING_INDEX = new Map<string, 'name' | 'owner'>(
  (['name', 'owner'] as const).flatMap((column) => OWNER_MAPPING_HEADERS[column].map((header) => [mappingHeaderKey(header), column] as const)),
);

/** The columns of an owner mapping's header row, or undefined where the row is not one. */
export function ownerMappingColumns(headers: readonly string[]): { name: number; owner: number } | undefined {
  let name: number | undefined;
  let owner: number | undefined;
  headers.forEach((header, index) => {
    const column = MAPPING_INDEX.get(mappingHeaderKey(header));
    if (column === 'name') name ??= index;
    if (column === 'owner') owner ??= index;
  });
  return name === undefined || owner === undefined ? undefined : { name, owner };
}

/** A mapping's rows as pairs; a row with either cell empty is returned by line, to be told. */
export function readOwnerMapping(
  columns: { name: number; owner: number },
  rows: ReadonlyArray<{ line: number; cells: readonly string[] }>,
): { mapping: Array<{ name: string; owner: string }>; incomplete: number[] } {
  const mapping: Array<{ name: string; owner: string }> = [];
  const incomplete: number[] = [];
  for (const row of rows) {
    const name = row.cells[columns.name]?.trim() ?? '';
    const owner = row.cells[columns.owner]?.trim() ?? '';
    if (name && owner) mapping.push({ name, owner });
    else incomplete.push(row.line);
  }
  return { mapping, incomplete };
}
