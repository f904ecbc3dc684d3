import { FIELD_LIMITS } from './fields.js';
import { phoneKey } from './lead-keys.js';

/**
 * A lead captured from a conversation (issue 15, "Find and capture"): a customer's
 * message already says who wrote and how to reach them, so the new-lead form starts
 * from it. These read plain text; whatever chat markup it came in is gone by now.
 */

export interface CapturedContacts {
  email?: string;
  phone?: string;
}

/**
 * ASCII on both sides of the @: Chinese is written without spaces, so 邮箱li@acme.com谢谢
 * must stop at the Han characters on either side.
 */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/**
 * Something that may be a phone number as people write one: digits with spaces, dashes,
 * dots or brackets between them (never a line break), perhaps a + in front. It may touch
 * Chinese (电话13800138000) but not Latin letters or more digits.
 */
const PHONE_CANDIDATE = /(?<![A-Za-z0-9+])\+?\(?\d[\d \t\-().]{5,}\d(?![A-Za-z0-9])/g;

/** A phone has at least this many digits here (its key's: China's code dropped); shorter runs are prices, counts, times. */
const MIN_PHONE_DIGITS = 7;
/** ITU E.164: 15 digits at most. */
const MAX_PHONE_DIGITS = 15;

/** A date (2026-12-02, 2026.12.02, 20261202) is the likeliest number in a sales message that is not a phone. */
const DATE_LIKE = /^(?:19|20)\d{2}([-./\s]?)(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])$/;

/**
 * A bare run of digits, written without any separator or +, is taken for a phone only
 * where it is unmistakably one: a Chinese mobile (11 digits from 13–19), or a landline
 * with its area code (0 and 9–11 more). Anything else (a lead number 20231001001, an
 * order id) is too likely to be something else.
 */
const BARE_PHONE = /^(?:1[3-9]\d{9}|0\d{9,11})$/;

function asPhone(candidate: string): string | undefined {
  // The class above lets a trailing bracket or dot through only between digits; trim what frames it.
  const written = candidate.trim().replace(/^\((?=[^)]*$)/, '');
  const digits = phoneKey(written) ?? '';
  if (digits.length < MIN_PHONE_DIGITS || digits.length > MAX_PHONE_DIGITS) return undefined;
  if (DATE_LIKE.test(written)) return undefined;
  const bare = /^\d+$/.test(written);
  if (bare && !BARE_PHONE.test(written)) return undefined;
  if ([...written].length > FIELD_LIMITS.contactPhone) return undefined;
  return written;
}

/** The first email address and the first phone number in a text, as they are written there. */
export function contactsInText(text: string): CapturedContacts {
  const contacts: CapturedContacts = {};
  for (const match of text.matchAll(EMAIL)) {
    const email = match[0].replace(/^[._%+-]+|[._-]+$/g, '');
    if (email.includes('@') && [...email].length <= FIELD_LIMITS.contactEmail) {
      contacts.email = email;
      break;
    }
  }
  // An email's digits (li.13800138000@x.com) are not a phone: look where the addresses are not.
  const withoutEmails = text.replace(EMAIL, ' ');
  // Full-width digits (１３８…) as the ASCII ones the field will be matched by.
  for (const match of withoutEmails.normalize('NFKC').matchAll(PHONE_CANDIDATE)) {
    const phone = asPhone(match[0]);
    if (phone) {
      contacts.phone = phone;
      break;
    }
  }
  return contacts;
}

/**
 * The notes of a lead captured from a message: what it said, and a link back to it.
 * Both must fit the notes field; the link is what lets anyone find the conversation
 * again, so the text gives way to it, cut with an ellipsis.
 */
export function capturedNotes(text: string, link?: string, max: number = FIELD_LIMITS.leadNotes): string {
  const body = text.trim();
  const tail = link ? `${body ? '\n\n' : ''}${link}` : '';
  const room = max - [...tail].length;
  if (room <= 0) return [...(link ?? body)].slice(0, max).join('');
  const chars = [...body];
  const cut = chars.length <= room ? body : `${chars.slice(0, room - 1).join('').trimEnd()}…`;
  return `${cut}${tail}`;
}
