// The crew picker's ranking: the shared rule (common/domain/nearest-crew) over the UI's crew views.
import type { CrewView } from '../../../common/api/contract';
import type { CrewCandidate as Candidate } from '../../../common/domain/nearest-crew';

export { rankCrews } from '../../../common/domain/nearest-crew';
export type CrewCandidate = Candidate<CrewView>;
