// The caller a test's direct handler call or raw socket stands for (a transport builds it in the app).
import type { Role } from '../../common/api/contract';
import type { Caller } from '../../common/api/rpc';

export const callerFor = (role: Role, session = `test:${role}`): Caller => ({ role, session });
