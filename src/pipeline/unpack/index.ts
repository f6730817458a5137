/**
 * Unpack (issue 15): a file that holds other files — a zip archive, an e-mail (`.eml`), an Outlook message (`.msg`)
 * — becomes parts, each imported on its own by `importFile` (the CLI reports each under the container's name; the
 * service makes each a child import of the upload). Containers inside containers (a zip attached to an e-mail, a
 * forwarded message) are opened in turn, their parts' paths joined by `/`.
 *
 * Limits (whatever the file says, docs/DESIGN.md §3 "Budgets"): the upload's size and the workbook's zip limits
 * (`budget.maxInflatedBytes` in total over every archive opened, 200:1 per entry over 10 MB: src/pipeline/detect.ts);
 * at most {@link MAX_PARTS} parts in all; containers nested at most {@link MAX_NESTING} deep; `budget.timeoutMs`
 * for the whole. A part that breaks a limit of its own (a zip slip path, nested too deep, larger than
 * `budget.maxBytes`, encrypted) is a part with its error and the others are still imported; a container that breaks
 * the upload's limits (thousands of attachments, a zip bomb) is refused whole, with an ImportError.
 */
import { ImportError, isImportError } from '../../domain/index.js';
import { detectContainer, type ContainerKind } from '../detect.js';
import { DEFAULT_BUDGET, type Budget } from '../types.js';
import { emlChildren, msgChildren } from './email.js';
import type { Child, Part, UnpackNote } from './types.js';
import { zipChildren } from './zip.js';

export type { Part, UnpackNote } from './types.js';
export type { ContainerKind } from '../detect.js';

/** Most parts one upload may give, over every container in it (our choice: a week's CPD mail holds tens). */
export const MAX_PARTS = 200;

/** Deepest nesting of containers (our choice: an e-mail forwarding an e-mail with a zip attached is 3). */
export const MAX_NESTING = 3;

/**
 * What {@link unpackFile} gives: the kind of container, its parts in order (attachments, then the body), and notes
 * on what was left out on purpose (a small image embedded in an e-mail's body: a logo), each for the user to read.
 */
export interface Unpacked {
  kind: ContainerKind;
  parts: Part[];
  notes: UnpackNote[];
}

/** Words for each container in messages. */
const WORDS: Record<ContainerKind, string> = { zip: 'a zip archive', eml: 'an e-mail', msg: 'an Outlook message' };

interface State {
  parts: number;
  inflated: number;
  deadline: number;
  budget: Budget;
}

/**
 * The parts of a container, or `null` when the file holds no other files (import it as it is).
 * @throws ImportError for the container as a whole: `too_large` (over `budget.maxBytes`, more than {@link MAX_PARTS}
 *   parts, a zip bomb), `corrupt` (a damaged archive or message), `timed_out` (past `budget.timeoutMs`)
 */
export async function unpackFile(bytes: Uint8Array, budgetIn: Partial<Budget> = {}): Promise<Unpacked | null> {
  const budget: Budget = { ...DEFAULT_BUDGET, ...budgetIn };
  if (bytes.byteLength > budget.maxBytes) return null;
  const kind = await detectContainer(bytes, budget);
  if (kind === null) return null;
  const state: State = { parts: 0, inflated: 0, deadline: Date.now() + budget.timeoutMs, budget };
  const parts: Part[] = [];
  const notes: UnpackNote[] = [];
  await expand(bytes, kind, '', 1, state, parts, notes);
  return { kind, parts, notes };
}

/** The children of one container, by its kind. */
async function children(bytes: Uint8Array, kind: ContainerKind, state: State): Promise<Child[]> {
  const room = MAX_PARTS - state.parts;
  if (kind === 'eml') return emlChildren(bytes, room);
  if (kind === 'msg') return msgChildren(bytes, room);
  const budget: Budget = { ...state.budget, maxInflatedBytes: state.budget.maxInflatedBytes - state.inflated };
  const kids = await zipChildren(bytes, budget, room);
  for (const k of kids) if ('bytes' in k) state.inflated += k.bytes.byteLength;
  return kids;
}

async function expand(bytes: Uint8Array, kind: ContainerKind, prefix: string, depth: number, state: State, out: Part[], notes: UnpackNote[]): Promise<void> {
  const kids = await children(bytes, kind, state);
  for (const kid of kids) {
    if (Date.now() > state.deadline) {
      throw new ImportError('timed_out', `unpacking took longer than the limit of ${Math.round(state.budget.timeoutMs / 1000)} s`);
    }
    const path = `${prefix}${kid.path}`;
    const push = (p: Part): void => {
      state.parts++;
      if (state.parts > MAX_PARTS) {
        throw new ImportError('too_large', `the upload holds more than ${MAX_PARTS} files in all, over the limit of ${MAX_PARTS}; send them in smaller parts`);
      }
      out.push(p);
    };
    if ('note' in kid) {
      notes.push({ path, message: kid.note });
      continue;
    }
    if ('error' in kid) {
      push({ path, error: kid.error });
      continue;
    }
    if (kid.bytes.byteLength > state.budget.maxBytes) {
      push({ path, error: new ImportError('too_large', `the file is ${mb(kid.bytes.byteLength)} MB, over the limit of ${mb(state.budget.maxBytes)} MB`) });
      continue;
    }
    let inner: ContainerKind | null;
    try {
      inner = await detectContainer(kid.bytes, { ...state.budget, maxInflatedBytes: state.budget.maxInflatedBytes - state.inflated });
    } catch (e) {
      if (!isImportError(e)) throw e;
      push({ path, error: e });
      continue;
    }
    if (inner === null) {
      push({ path, bytes: kid.bytes });
      continue;
    }
    if (depth >= MAX_NESTING) {
      push({ path, error: new ImportError('too_large', `${WORDS[inner]} nested ${depth + 1} deep, over the limit of ${MAX_NESTING} containers inside each other, so it is not opened`) });
      continue;
    }
    try {
      await expand(kid.bytes, inner, `${path}/`, depth + 1, state, out, notes);
    } catch (e) {
      // A container inside fails alone (damaged, a bomb), unless the upload's own limits were broken.
      if (!isImportError(e) || e.code === 'timed_out' || state.parts >= MAX_PARTS) throw e;
      push({ path, error: e });
    }
  }
}

function mb(n: number): string {
  const v = n / (1024 * 1024);
  return v >= 10 ? String(Math.round(v)) : String(Math.round(v * 10) / 10);
}
