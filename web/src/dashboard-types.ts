/**
 * The dashboards' answers as the page reads them (`GET /members/:id/dashboard`, `GET /dashboard`; the shapes of
 * src/services/dashboard.ts, docs/DESIGN.md §2 "The dashboards"), and what the review page hands the dashboard views.
 */
import type { ApiCall } from './types.js';

export type Outcome = 'met' | 'not_met' | 'not_assessable';

/** One year of a member's dashboard. Hours are decimal hours. */
export interface TrendYear {
  year: number;
  activityStatus: 'active' | 'reduced' | 'inactive';
  required: { value: number | null; unit: 'hours' | 'points'; basis: string };
  hours: number;
  activities: number;
  plannedEntries: number;
  twaves: Record<'T' | 'W' | 'A' | 'V' | 'E' | 'S' | 'none', number>;
  skills: Record<'technical-personal' | 'technical-job' | 'soft' | 'none', number>;
  plan: { planned: number; done: number; open: number; missed: number };
  reflections: { activities: number; written: number; good: number; weak: number; missing: number };
  criteria: { key: string; title: string; outcome: Outcome }[];
  met: number;
  overall: Outcome;
  records: string;
}

/** `GET /members/:id/dashboard`. */
export interface MemberDashboard {
  memberId: string;
  body: { id: string; name: string; source: 'member' | 'default'; note?: string };
  years: TrendYear[];
}

/** `GET /dashboard`. */
export interface GroupDashboard {
  year: number;
  scope: { body: { id: string; name: string } | null; members: string[] | null };
  members: { inScope: number; withRecords: number };
  hours: { bandWidth: number; bands: { label: string; from: number; to: number | null; members: number }[]; mean: number | null; median: number | null };
  criteria: { key: string; title: string; rule: string; applies: number; met: number; percent: number }[];
  gaps: { field: string | null; code: string; severity: string; gaps: number; records: number; members: number }[];
  sources: { format: string | null; fingerprint: string; headings: string[]; imports: number; members: number; records: number; recordsWithGaps: number; gaps: number; gapsPerRecord: number; examples: string[]; topGaps: { field: string | null; code: string; gaps: number }[] }[];
  imports: { byMonth: { month: string; status: string; format: string | null; imports: number }[]; failures: { code: string | null; imports: number }[] };
  uploadToRecords: { imports: number; medianSeconds: number | null; p90Seconds: number | null; meanSeconds: number | null; maxSeconds: number | null };
}

/** What the review page gives a dashboard view: its API call and a download of an API path as a file. */
export interface DashboardContext {
  api: ApiCall;
  download: (path: string, fileName: string) => void;
}
