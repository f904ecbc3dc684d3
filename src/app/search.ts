import { leadKeys, searchQuery } from '../domain/lead-keys.js';
import { checkNewLead, type NewLeadDraft } from '../domain/lead-fields.js';
import type { Db } from '../store/database.js';
import { findLead } from '../store/leads.js';
import type { Provider } from '../store/schema-source.js';
import { duplicatesOf, searchLeads, type DuplicateMatch, type LeadHit } from '../store/search.js';
import type { Caller } from './caller.js';

/**
 * Finding leads, and telling a rep who is about to add a lead that it may exist already
 * (DOMAIN.md: "two reps chasing the same company is waste"). Both read only; anyone in
 * the workspace may, as anyone may open a lead's card.
 */

/** `/lead find` answers with this many leads at most. */
export const FIND_LIMIT = 10;

/** The new-lead form names this many possible duplicates at most. */
export const DUPLICATE_LIMIT = 5;

/** A query longer than this is cut: nobody searches for a paragraph, and the index reads each word. */
export const QUERY_MAX_CHARACTERS = 200;

export async function findLeads(caller: Caller, db: Db, provider: Provider, text: string): Promise<LeadHit[]> {
  const query = searchQuery([...text].slice(0, QUERY_MAX_CHARACTERS).join(''));
  if (query.groups.length === 0) return [];
  return searchLeads(db, provider, caller.workspace.id, query, FIND_LIMIT);
}

/**
 * Leads the draft may duplicate: same company name (normalized), or the same contact
 * email or phone on an open lead. The draft is checked first, so that a field refused
 * is reported before any warning.
 */
export async function possibleDuplicates(caller: Caller, db: Db, draft: NewLeadDraft): Promise<DuplicateMatch[]> {
  const lead = checkNewLead(draft, { now: caller.now, timeZone: caller.workspace.timeZone, callerId: caller.userId });
  return duplicatesOf(db, caller.workspace.id, leadKeys(lead), DUPLICATE_LIMIT);
}

/** The lead a rep wants to ask its owner about, as the question names it. */
export async function leadToAskAbout(caller: Caller, db: Db, number: string): Promise<{ number: string; name: string; ownerId: string }> {
  const lead = await findLead(db, caller.workspace.id, number);
  return { number: lead.number, name: lead.name, ownerId: lead.ownerId };
}
