'use client';

import { type DateTimeFormatOptions, useFormatter, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { Cell, Line, LineChart, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useClient } from 'urql';
import { PortfolioHistoryQuery } from './history.query';

const RANGES = ['DAY', 'WEEK', 'MONTH', 'YEAR', 'ALL'] as const;
type Range = (typeof RANGES)[number];
const COLORS = ['#1f5fd1', '#136c3a', '#a15c00', '#7a2ea6', '#a61b1b', '#00707a', '#5b6470'];
const DAY_MS = 24 * 60 * 60 * 1000;
const TICKS = 5;

export interface Slice {
  asset: string;
  share: number;
}

/** Allocation and value history; loaded after the page (the numbers are in the tables already). */
export default function PortfolioCharts({
  slices,
  quote,
  total,
}: {
  slices: readonly Slice[];
  quote: 'USD' | 'EUR' | 'BTC';
  total: string;
}) {
  const t = useTranslations('portfolio');
  const format = useFormatter();
  const client = useClient();
  const [range, setRange] = useState<Range>('DAY');
  const [points, setPoints] = useState<{ at: number; value: number }[] | null>(null);
  // points are recorded every few minutes: look again now and then, not only when the total moves
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 60_000);
    return () => clearInterval(timer);
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new total may come with a new point
  useEffect(() => {
    void client
      .query(PortfolioHistoryQuery, { range, quote }, { requestPolicy: 'network-only' })
      .toPromise()
      .then((result) => {
        const history = result.data?.portfolioHistory ?? [];
        // chart coordinates only; the exact values stay in the tables
        setPoints(
          history
            .filter((p) => p.value !== null)
            .map((p) => ({ at: Date.parse(p.at), value: Number(p.value) })),
        );
      });
  }, [client, range, quote, total, tick]);

  const top = [...slices].sort((a, b) => b.share - a.share);
  const shown = top.slice(0, 6);
  const rest = top.slice(6).reduce((sum, s) => sum + s.share, 0);
  const pie = rest > 0 ? [...shown, { asset: t('other'), share: rest }] : shown;
  const summary = pie
    .map((s) => `${s.asset} ${format.number(s.share, { maximumFractionDigits: 1 })} %`)
    .join(', ');
  const time = (at: number) =>
    format.dateTime(
      new Date(at),
      range === 'DAY' ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' },
    );
  // axis ticks by period: hours for a day, days for a week or a month, months beyond; a label said once
  const first = points?.[0]?.at ?? 0;
  const last = points?.at(-1)?.at ?? 0;
  const tickFormat: DateTimeFormatOptions =
    range === 'DAY'
      ? { hour: 'numeric', minute: '2-digit' }
      : last - first > 180 * DAY_MS
        ? { month: 'short', year: 'numeric' }
        : { month: 'short', day: 'numeric' };
  const tickLabel = (at: number) => format.dateTime(new Date(at), tickFormat);
  const ticks: number[] = [];
  for (let i = 0; i < TICKS; i++) {
    const at = Math.round(first + ((last - first) * i) / (TICKS - 1));
    if (!ticks.some((other) => tickLabel(other) === tickLabel(at))) ticks.push(at);
  }
  // short amounts (140K), the currency kept on the same line by a no-break space
  const amount = (v: number) =>
    `${format.number(v, { notation: 'compact', maximumFractionDigits: 1 })}\u00a0${quote}`;

  return (
    <div className="charts">
      <section className="card" aria-labelledby="allocation-title">
        <h2 id="allocation-title">{t('allocation')}</h2>
        <figure className="chart" aria-label={t('allocationSummary', { summary })}>
          <ResponsiveContainer width="100%" height={240}>
            {/* the figure's label says what the chart shows: its drawing is no tab stop of its own */}
            <PieChart accessibilityLayer={false}>
              <Pie
                rootTabIndex={-1}
                data={pie}
                dataKey="share"
                nameKey="asset"
                outerRadius={90}
                isAnimationActive={false}
                label={(d) => d.name}
              >
                {pie.map((slice, i) => (
                  <Cell key={slice.asset} fill={COLORS[i % COLORS.length]} />
                ))}
              </Pie>
              <Tooltip
                formatter={(value) => `${format.number(Number(value), { maximumFractionDigits: 2 })} %`}
              />
            </PieChart>
          </ResponsiveContainer>
          <figcaption className="muted">{summary}</figcaption>
        </figure>
      </section>

      <section className="card" aria-labelledby="history-title">
        <div className="page-head">
          <h2 id="history-title">{t('history')}</h2>
          <nav aria-label={t('range')} className="actions range-picker">
            {RANGES.map((r) => (
              <button
                key={r}
                type="button"
                className="link-button"
                aria-pressed={range === r}
                onClick={() => setRange(r)}
              >
                {t(`range${r}`)}
              </button>
            ))}
          </nav>
        </div>
        {points === null ? (
          <div className="chart-skeleton" aria-hidden="true" />
        ) : points.length === 0 ? (
          <p className="muted">{t('historyEmpty')}</p>
        ) : (
          <figure
            className="chart"
            aria-label={t('historySummary', {
              count: points.length,
              from: time(points[0]!.at),
              to: time(points.at(-1)!.at),
            })}
          >
            <ResponsiveContainer width="100%" height={240}>
              <LineChart
                data={points}
                accessibilityLayer={false}
                margin={{ top: 12, right: 16, bottom: 0, left: 0 }}
              >
                <XAxis
                  dataKey="at"
                  type="number"
                  domain={['dataMin', 'dataMax']}
                  ticks={ticks}
                  tickFormatter={tickLabel}
                />
                <YAxis width={80} tickFormatter={(v) => amount(Number(v))} />
                <Tooltip
                  labelFormatter={(v) => time(Number(v))}
                  formatter={(v) => `${format.number(Number(v))} ${quote}`}
                />
                <Line dataKey="value" stroke="#1f5fd1" dot={points.length < 40} isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          </figure>
        )}
      </section>
    </div>
  );
}
