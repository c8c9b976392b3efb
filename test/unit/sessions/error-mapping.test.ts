import { describe, expect, it } from 'vitest';
import { classifyTransportFailure } from '../../../electron/main/platform/sessions/error-mapping';
import { AgentCallError } from '../../../electron/main/platform/powershell/agent-process';

const failure = (message: string, diagnostics: string[] = []) => {
  const e = new AgentCallError('PS_ERROR' as never, message, [{ message, fqid: 'X', category: 'OpenError' } as never]);
  e.diagnostics = diagnostics;
  return e;
};

describe('classifyTransportFailure', () => {
  it('says WinRM needs Windows when PowerShell has no WSMan client (pwsh on Linux)', () => {
    const c = classifyTransportFailure(failure('This parameter set requires WSMan, and no supported WSMan client library was found.'), 'hv1');
    expect(c).toMatchObject({ code: 'NOT_SUPPORTED', reason: 'winrm-not-enabled' });
    expect(c.message).toContain('Use SSH');
  });

  it('reads ssh "Permission denied" from the client diagnostics as auth-failed', () => {
    const c = classifyTransportFailure(failure('The background process reported an error', ['root@127.0.0.1: Permission denied (publickey).']), 'hv1');
    expect(c).toMatchObject({ code: 'AUTH_FAILED', reason: 'auth-failed' });
  });

  it('maps a refused connection to unreachable', () => {
    expect(classifyTransportFailure(failure('ssh: connect to host 127.0.0.1 port 1: Connection refused'), 'hv1')).toMatchObject({
      code: 'HOST_UNREACHABLE',
      reason: 'unreachable',
    });
  });
});
