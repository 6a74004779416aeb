// FC 3.0's `-H` rules: x-fc-* headers travel unsigned under ACS3 (fc3-protocol §5.1), all
// others (host, authorization, x-acs-*) are the signer's; fcinvoke's own x-fc-* headers are refused.
import type { HeaderRules } from '../headers.js';

export const HEADER_RULES: HeaderRules = {
  prefix: 'x-fc-',
  prefixReason: 'host, authorization and the x-acs-* headers are set and signed by fcinvoke',
  reserved: {
    'x-fc-invocation-type': '--async',
    'x-fc-log-type': '--no-logs',
    'x-fc-async-task-id': '--async-id',
    // FC 2.0's name for the same ID; FC 3.0 does not read it (fc3-protocol section 2).
    'x-fc-stateful-async-invocation-id': '--async-id',
    'x-fc-security-token': 'the credential settings',
  },
};
