/** The words and weights of the demo data, and the flags its members carry. */
import { TICKET_CATEGORIES, type TicketCategory } from '../../../help-desk/src/ticket-categories.js';
import { cumulative } from './random.js';
import { UNSUPPORTED_COUNTRIES } from './bundle.js';

export { TICKET_CATEGORIES, type TicketCategory };

export const COUNTRY_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['US', 30],
  ['IN', 10],
  ['GB', 8],
  ['CA', 5],
  ['DE', 5],
  ['FR', 4],
  ['BR', 4],
  ['AU', 3],
  ['NG', 3],
  ['ES', 2],
  ['IT', 2],
  ['NL', 2],
  ['MX', 2],
  ['JP', 2],
  ['PH', 2],
  ['ID', 2],
  ['IE', 1],
  ['SE', 1],
  ['PL', 1],
  ['ZA', 1],
  ['KE', 1],
  ['SG', 1],
  ['NZ', 1],
  ['PK', 1],
  ['KR', 1],
  ['AR', 1],
  ['PT', 1],
  ['CH', 1],
  ['KP', 0.15],
  ['IR', 0.5],
  ['CU', 0.2],
  ['SY', 0.15],
];
export const COUNTRY_CODES = COUNTRY_WEIGHTS.map((c) => c[0]);
export const COUNTRY_CUM = cumulative(COUNTRY_WEIGHTS.map((c) => c[1]));
export const UNSUPPORTED_INDEXES = new Set(UNSUPPORTED_COUNTRIES.map((c) => COUNTRY_CODES.indexOf(c)));

/** [display name, ASCII form for usernames] */
export const FIRST_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['Alice', 'alice'],
  ['Bob', 'bob'],
  ['Zoë', 'zoe'],
  ['José', 'jose'],
  ['Mei', 'mei'],
  ['Aarav', 'aarav'],
  ['Fatima', 'fatima'],
  ['Liam', 'liam'],
  ['Olivia', 'olivia'],
  ['Noah', 'noah'],
  ['Emma', 'emma'],
  ['Sofía', 'sofia'],
  ['Hiroshi', 'hiroshi'],
  ['Chloé', 'chloe'],
  ['Björn', 'bjorn'],
  ['Ngozi', 'ngozi'],
  ['Priya', 'priya'],
  ['Mateo', 'mateo'],
  ['Anna', 'anna'],
  ['Kwame', 'kwame'],
  ['Léa', 'lea'],
  ['Yuki', 'yuki'],
  ['Omar', 'omar'],
  ['Isabella', 'isabella'],
  ['Lucas', 'lucas'],
  ['Ava', 'ava'],
  ['Chen', 'chen'],
  ['Siobhán', 'siobhan'],
  ['Raj', 'raj'],
  ['Amara', 'amara'],
  ['Jan', 'jan'],
  ['Elif', 'elif'],
];
export const LAST_NAMES: readonly string[] = [
  'Smith',
  "O'Brien",
  'García',
  'Nguyễn',
  'Müller',
  'Kowalski',
  'Okafor',
  'Patel',
  'Kim',
  'Dubois',
  'Rossi',
  'Tanaka',
  'Silva',
  'van der Berg',
  'Johansson',
  'Smith-Jones',
  'Ibrahim',
  'Chen',
  'Novák',
  'Fernández',
  "D'Angelo",
  'Walker',
  'Sato',
  'Kumar',
  'Murphy',
  'Łukasz',
  'Adeyemi',
  'Schmidt',
];
export const NICKNAMES: readonly string[] = ['Ace', 'Doc', 'Sunny', 'The Scribe', 'Red', 'Bookworm'];

export const TITLE_HEADS: readonly string[] = [
  'How I Learned to Love',
  'Why We Stopped Using',
  'What Nobody Tells You About',
  'The Quiet Power of',
  'Stop Worrying About',
  'A Beginner’s Guide to',
  'I Tried',
  '10 Lessons From',
  'The Case Against',
  'Notes on',
  'Everything I Know About',
  'In Defense of',
  'The Hidden Cost of',
  'Rethinking',
];
export const TITLE_TAILS: readonly string[] = [
  'Writing Every Day',
  'Remote Work',
  'TypeScript',
  'Grief',
  'Sourdough',
  'Burnout',
  'Postgres',
  'Saying “No”',
  'the "Perfect" Morning Routine',
  'Café Culture',
  'Side Projects',
  'Minimalism',
  'C:\\Temp and Other Horrors',
  'Running a Marathon at 40',
  'Being a Manager',
  'Money & Happiness',
  'Learning Japanese (日本語)',
  'My Dad’s Garden',
  'Open Source',
  'Sleep',
  'Cold Showers',
  'Startups',
  '<script> Tags in Markdown',
  'the 4-Day Week',
  'Loneliness',
  'Climate Anxiety',
];
export const PUB_HEADS: readonly string[] = [
  'The',
  'Better',
  'Bright',
  'Quiet',
  'Curious',
  'Modern',
  'Slow',
  'Open',
  'Human',
  'Wild',
  'Level',
  'Plain',
  'Deep',
  'New',
];
export const PUB_TAILS: readonly string[] = [
  'Startup',
  'Programming',
  'Ideas',
  'Letters',
  'Parents',
  'Minds',
  'Kitchen',
  'Stack',
  'Writers',
  'Science & Society',
  'Money',
  '“Long Reads”',
  'Travel Notes',
  'Café',
  'Bytes',
  'Health',
];
export const LANGUAGES: readonly string[] = ['en', 'es', 'pt', 'de', 'fr', 'ja', 'hi'];
export const LANGUAGE_CUM = cumulative([90, 3, 2, 2, 1.5, 1, 0.5]);

export const TICKET_CUM = cumulative([35, 20, 15, 10, 10, 10]);

// Member flags
export const F_WRITER = 1;
export const F_ENROLLED = 2; // ever enrolled in the Partner Program
export const F_PAYING = 4; // has a membership (possibly ended) from the generator's main plan
export const F_EXCLUDED = 8;
export const F_REFERRED = 16;
export const F_MINOR = 32;
export const F_ENROLLED_NOW = 64; // enrollment open at the end of the data
export const F_REFERRER = 128;

// Story statuses
export const ST_DRAFT = 0;
export const ST_PUBLISHED = 1;
export const ST_UNLISTED = 2;
export const ST_DELETED = 3;
export const STATUS_NAMES: readonly string[] = ['draft', 'published', 'unlisted', 'deleted'];

// Application failure bits (0 = passes every check)
export const APP_NOT_MEMBER = 1;
export const APP_NO_STORY = 2;
export const APP_COUNTRY = 4;
export const APP_UNDER_18 = 8;
