/** The risk column of the orders list: one request per page for the level and hold of every row. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RiskOrderRow } from '../../../shared/contracts/risk';
import { api } from '../api';
import '../risk.css';

export function useOrderRisks(orderNos: string[] | undefined): Map<string, RiskOrderRow> {
  const [risks, setRisks] = useState(new Map<string, RiskOrderRow>());
  const key = orderNos?.join('\n') ?? '';
  useEffect(() => {
    if (!key) return;
    let live = true;
    // A missing risk column is no reason to fail the list: errors leave it empty.
    api.riskOfOrders({ orderNos: key.split('\n') }).then(
      (rows) => live && setRisks(new Map(rows.map((r) => [r.orderNo, r]))),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [key]);
  return risks;
}

export function RiskCell({ risk }: { risk?: RiskOrderRow }) {
  const { t } = useTranslation();
  if (!risk) return <span className="muted small">—</span>;
  return (
    <span className={`risk-cell ${risk.level}`} data-risk={risk.level} title={t('risk.score', { score: risk.score })}>
      {t(`risk.levels.${risk.level}`)}
      {risk.held ? ` · ${t('risk.heldShort')}` : ''}
    </span>
  );
}
