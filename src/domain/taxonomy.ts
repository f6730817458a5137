/**
 * The IET's TWAVES categories and the Engineering Council's UK-SPEC competences.
 *
 * Sources: IET CPD guidance (TWAVES, six categories) and UK-SPEC 4th edition 2020 (codes A1–E5, same codes
 * as the 3rd edition 2014); summarised in `docs/domain/CPD.md` §3–4.
 */
import { z } from 'zod';

/** TWAVES letters: Training, Work experience, Academic study, Volunteering, Events, Self-study. */
export const TWAVES_LETTERS = ['T', 'W', 'A', 'V', 'E', 'S'] as const;
export const TwavesSchema = z.enum(TWAVES_LETTERS);
export type Twaves = z.infer<typeof TwavesSchema>;

/** Names of the TWAVES categories, by letter (IET wording). */
export const TWAVES_NAMES: Readonly<Record<Twaves, string>> = {
  T: 'Training courses',
  W: 'Work experience',
  A: 'Academic study',
  V: 'Volunteering',
  E: 'Events',
  S: 'Self-study',
};

/** Skill types used by the IET's suggested 10/10/10 split (domain doc §2 point 4). */
export const SKILL_TYPES = ['technical-personal', 'technical-job', 'soft'] as const;
export const SkillTypeSchema = z.enum(SKILL_TYPES);
export type SkillType = z.infer<typeof SkillTypeSchema>;

/** UK-SPEC competence areas A–E with their titles. */
export const UKSPEC_AREAS: Readonly<Record<'A' | 'B' | 'C' | 'D' | 'E', string>> = {
  A: 'Knowledge and understanding',
  B: 'Design and development',
  C: 'Responsibility, management, leadership',
  D: 'Communication and interpersonal skills',
  E: 'Professional commitment',
};

/** UK-SPEC 4th edition competence codes with short titles (domain doc §4). */
export const UKSPEC_COMPETENCES: Readonly<Record<string, string>> = {
  A1: 'Maintain and extend a sound theoretical approach in own role',
  A2: 'Technological solutions to unusual or challenging problems; complex issues or significant risk',
  B1: 'Identify and define project requirements, problems and opportunities',
  B2: 'Identify and conduct investigations and research for design and analysis',
  B3: 'Implement engineering tasks and evaluate solutions',
  C1: 'Plan work and resources',
  C2: 'Manage programme, budget and resources',
  C3: 'Lead teams or technical specialisms',
  C4: 'Continuous quality improvement, best practice',
  D1: 'Communicate with others at all levels, in English',
  D2: 'Present and discuss proposals, justifications and conclusions',
  D3: 'Personal and social skills; diversity and inclusion',
  E1: 'Comply with codes of conduct',
  E2: 'Safe systems of work',
  E3: 'Sustainable development',
  E4: 'Carry out and record CPD',
  E5: 'Ethics',
};

/** True when `code` (upper case, e.g. `"C4"`) is a UK-SPEC competence code. */
export function isUkSpecCode(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(UKSPEC_COMPETENCES, code);
}
