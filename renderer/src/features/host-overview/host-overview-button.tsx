import { useTranslation } from 'react-i18next';
import { openHostOverview } from './host-overview.store';

/** "Overview" beside a host in the hosts pane: opens its page. */
export function HostOverviewButton({ hostId, hostName }: { hostId: string; hostName: string }) {
  const { t } = useTranslation('hostOverview');
  return (
    <button type="button" onClick={() => openHostOverview(hostId)} data-testid="host-open-overview" aria-label={t('openHost', { name: hostName })}>
      {t('open')}
    </button>
  );
}
