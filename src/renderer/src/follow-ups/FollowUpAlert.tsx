import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoreEvent } from '../../../shared/permit-qr';
import { onCoreEvent } from '../api/client';
import { useApp } from '../session/useSession';

type Opened = Extract<CoreEvent, { type: 'follow-up.opened' }>;

/**
 * A dissatisfied evaluation reaches a supervisor at once, wherever they are in the app: a banner that
 * stays until they open the follow-ups or dismiss it (the follow-up itself stays open on its screen).
 */
export function FollowUpAlert({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  const role = useApp().session.account?.role;
  const [alerts, setAlerts] = useState<Opened[]>([]);
  useEffect(() => onCoreEvent((e) => e.type === 'follow-up.opened' && setAlerts((a) => [...a.filter((x) => x.evaluationId !== e.evaluationId), e])), []);
  if (role !== 'supervisor' || !alerts.length) return null;
  return (
    <div className="warn-banner" role="alert" data-testid="follow-up-alert">
      {alerts.map((a) => (
        <p key={a.evaluationId} data-notice={a.noticeNo}>
          {t('followUps.alert', { grade: a.grade, noticeNo: a.noticeNo, clerk: a.clerk, due: a.dueDay })}
        </p>
      ))}
      <button
        type="button"
        onClick={() => {
          setAlerts([]);
          onOpen();
        }}
        data-testid="follow-up-open"
      >
        {t('followUps.openScreen')}
      </button>{' '}
      <button type="button" className="link" onClick={() => setAlerts([])} data-testid="follow-up-dismiss">
        {t('followUps.dismiss')}
      </button>
    </div>
  );
}
