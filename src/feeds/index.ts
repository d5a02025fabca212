/** Public API of the feed loader. */
export { loadCachedFeeds, loadFeeds, type LoadFeedsOptions, type LoadFeedsResult } from './load.js';
export {
  FeedError,
  type FeedCounts,
  type FeedReport,
  type ImportIssue,
  type ImportReport,
  type IssueCode,
  type Severity,
} from './report.js';
