// The paper copy of a period's report, in Vietnamese whatever the page's
// language: the administrative heading of a station's report, the queue
// and satisfaction figures in sentences and tables, the comparison with the
// period before, and the signatures. Built from the same JSON as the page.
import { label, tIn } from '/common/i18n.js';
import { dayText, decimal, percent, ROMAN } from './format.js';

const vi = (key, params) => tIn('vi', key, params);
const pct = (rate) => percent(rate, 'vi');
const num = (v) => decimal(v, 'vi');

function node(name, attrs = {}, ...children) {
  const el = document.createElement(name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

function table(header, rows, cls = '') {
  return node(
    'table',
    { class: `paper-table ${cls}`.trim() },
    node('thead', {}, node('tr', {}, ...header.map((h) => node('th', {}, h)))),
    node('tbody', {}, ...rows.map((r) => node('tr', {}, ...r.map((v) => node('td', {}, v)))))
  );
}

// "tháng 11 năm 2026", "quý IV năm 2026", "năm 2026".
export function periodTitle(period) {
  const [year, rest] = period.label.split('-');
  if (period.kind === 'year') return `năm ${year}`;
  if (period.kind === 'quarter') return `quý ${ROMAN[Number(rest.slice(1))]} năm ${year}`;
  return `tháng ${Number(rest)} năm ${year}`;
}

function change(now, before, { share = false, unit = '' } = {}) {
  if (now === null || before === null || now === undefined || before === undefined) return '—';
  const d = now - before;
  if (Math.abs(d) < 1e-9) return 'không đổi';
  const size = share ? `${num(Math.abs(d) * 100)} điểm %` : `${num(Math.abs(d))}${unit}`;
  return `${d > 0 ? 'tăng' : 'giảm'} ${size}`;
}

export function renderPrintable(root, { catalog, satisfaction: s, queue: q, officers, printedAt }) {
  const service = (id) => {
    const found = id && catalog.services.find((x) => x.id === id);
    return found ? `${found.prefix} · ${found.label.vi || label(found.label)}` : vi('reports.unknown');
  };
  const officer = (username) => {
    if (!username) return vi('reports.unknown');
    const o = (officers || []).find((x) => x.username === username);
    return o && o.display_name ? o.display_name : username;
  };
  const target = q.within_target.minutes;
  const dateLine = `ngày ${String(printedAt.getDate()).padStart(2, '0')} tháng ${String(printedAt.getMonth() + 1).padStart(2, '0')} năm ${printedAt.getFullYear()}`;
  const station = catalog.station && catalog.station.name ? catalog.station.name : '';

  const heading = node(
    'div',
    { class: 'paper-heading' },
    node('div', { class: 'paper-agency' }, node('div', {}, station.toUpperCase()), node('div', { class: 'strong' }, 'BỘ PHẬN MỘT CỬA'), node('div', { class: 'rule' })),
    node(
      'div',
      { class: 'paper-nation' },
      node('div', { class: 'strong' }, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'),
      node('div', { class: 'strong motto' }, 'Độc lập - Tự do - Hạnh phúc'),
      node('div', { class: 'rule' }),
      node('div', { class: 'date' }, dateLine)
    )
  );
  const title = node(
    'div',
    { class: 'paper-title' },
    node('h1', {}, 'BÁO CÁO'),
    node('div', { class: 'strong' }, `Kết quả tiếp nhận công dân và mức độ hài lòng ${periodTitle(s.period)}`),
    node('div', { class: 'range' }, `(Từ ngày ${dayText(s.period.from)} đến ngày ${dayText(s.period.to)})`)
  );

  const queueFacts = node(
    'ol',
    {},
    node('li', {}, `Tổng số phiếu đã cấp: ${q.tickets}, trong đó ưu tiên ${q.priority} (${pct(q.priority_share)}).`),
    node('li', {}, `Đã giải quyết xong: ${q.done}; công dân vắng mặt khi được gọi: ${q.no_shows}; chưa được phục vụ khi hết ngày: ${q.expired}.`),
    node(
      'li',
      {},
      q.wait_minutes.count
        ? `Thời gian chờ đến lượt: trung vị ${num(q.wait_minutes.median)} phút; 90% công dân chờ không quá ${num(q.wait_minutes.p90)} phút.`
        : 'Thời gian chờ đến lượt: chưa có số liệu.'
    ),
    node('li', {}, `Được phục vụ trong vòng ${target} phút: ${q.within_target.count}/${q.tickets} phiếu (${pct(q.within_target.share)}).`),
    node(
      'li',
      {},
      q.service_minutes.count
        ? `Thời gian giải quyết: trung vị ${num(q.service_minutes.median)} phút; 90% không quá ${num(q.service_minutes.p90)} phút.`
        : 'Thời gian giải quyết: chưa có số liệu.'
    )
  );
  const perService = table(
    ['Dịch vụ', 'Số phiếu', 'Ưu tiên', 'Chờ trung vị (phút)', 'Chờ P90 (phút)', `Trong ${target} phút`, 'Vắng mặt'],
    q.per_service.map((x) => [service(x.service_id), x.tickets, x.priority, num(x.wait_minutes.median), num(x.wait_minutes.p90), pct(x.within_target.share), x.no_shows]),
    'queue-services'
  );

  const groupRows = (groups, name) => groups.map((g) => [name(g.key), g.total, g.satisfied, pct(g.rate)]);
  const groupHead = (first) => [first, 'Lượt đánh giá', 'Hài lòng', 'Tỷ lệ hài lòng'];
  const levels = table(
    ['Mức đánh giá', 'Số lượt', 'Tỷ lệ'],
    Object.entries(s.levels)
      .filter(([k, n]) => n > 0 || ['very_satisfied', 'satisfied', 'dissatisfied'].includes(k))
      .map(([k, n]) => [vi('level.' + k), n, s.total ? pct(n / s.total) : '—']),
    'levels'
  );
  const reasons = s.reasons.length
    ? table(['Lý do không hài lòng', 'Số lượt'], s.reasons.map((r) => [vi('reason.' + r.reason), r.count]), 'reasons')
    : node('p', {}, 'Không có ý kiến không hài lòng.');

  const p = s.previous;
  const qp = q.previous;
  const comparison = table(
    ['Chỉ tiêu', `Kỳ này (${s.period.label})`, `Kỳ trước (${p.period.label})`, 'So với kỳ trước'],
    [
      ['Số phiếu đã cấp', q.tickets, qp.tickets, change(q.tickets, qp.tickets)],
      ['Chờ trung vị (phút)', num(q.wait_minutes.median), num(qp.wait_minutes.median), change(q.wait_minutes.median, qp.wait_minutes.median, { unit: ' phút' })],
      [
        `Phục vụ trong ${target} phút`,
        q.tickets ? pct(q.within_target.share) : '—',
        qp.tickets ? pct(qp.within_target.share) : '—',
        q.tickets && qp.tickets ? change(q.within_target.share, qp.within_target.share, { share: true }) : '—',
      ],
      ['Vắng mặt', q.no_shows, qp.no_shows, change(q.no_shows, qp.no_shows)],
      ['Lượt đánh giá', s.total, p.total, change(s.total, p.total)],
      ['Tỷ lệ hài lòng', s.total ? pct(s.rate) : '—', p.total ? pct(p.rate) : '—', s.rate_change === null ? '—' : change(s.rate, p.rate, { share: true })],
    ],
    'comparison'
  );

  const signatures = node(
    'div',
    { class: 'paper-signatures' },
    node('div', {}, node('div', { class: 'strong' }, 'NGƯỜI LẬP BÁO CÁO'), node('div', { class: 'hint' }, '(Ký, ghi rõ họ tên)')),
    node('div', {}, node('div', { class: 'strong' }, 'TRƯỞNG CÔNG AN'), node('div', { class: 'hint' }, '(Ký, ghi rõ họ tên, đóng dấu)'))
  );

  root.replaceChildren(
    heading,
    title,
    node('h2', {}, 'I. TÌNH HÌNH TIẾP NHẬN'),
    queueFacts,
    perService,
    node('h2', {}, 'II. MỨC ĐỘ HÀI LÒNG CỦA CÔNG DÂN'),
    node(
      'p',
      {},
      s.total
        ? `Tổng số lượt đánh giá: ${s.total}; số lượt hài lòng và rất hài lòng: ${s.satisfied}; tỷ lệ hài lòng: ${pct(s.rate)}.`
        : 'Trong kỳ chưa có lượt đánh giá nào.'
    ),
    levels,
    node('h3', {}, 'Theo quầy và cán bộ'),
    table(groupHead('Quầy'), groupRows(s.per_counter, (k) => (k ? `Quầy ${k}` : vi('reports.unknown')))),
    table(groupHead('Cán bộ'), groupRows(s.per_officer, officer), 'officers'),
    node('h3', {}, 'Theo dịch vụ'),
    table(groupHead('Dịch vụ'), groupRows(s.per_service, service)),
    reasons,
    node('h2', {}, 'III. SO SÁNH VỚI KỲ TRƯỚC'),
    comparison,
    signatures
  );
}
