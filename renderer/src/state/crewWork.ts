// Each crew's load and current request, from the open requests the store holds (common/domain/crew-work).
import { crewWork, type CrewWork } from '../../../common/domain/crew-work';
import { useRequestsDerived } from './store';

export function useCrewWork(): ReadonlyMap<string, CrewWork> {
  return useRequestsDerived((requests) => crewWork(Object.values(requests)), []);
}
