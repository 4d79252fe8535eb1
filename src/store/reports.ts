// Read-only queries of the measurement reports (src/measure/reports). Two shapes keep memory
// bounded however many members there are: aggregates grouped in SQL (./reports/aggregates.ts)
// and pages of members in profile-id order, read by id range (./reports/members.ts).
export { weekStart, type EventDoc, type MemberRange, type TimeWindow } from './reports/sql.js';
export * from './reports/members.js';
export * from './reports/aggregates.js';
