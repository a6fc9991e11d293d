// The pages' words, Vietnamese first (the default) and English second. A
// page marks its elements with data-t="key"; applyTexts() fills them.

const TEXTS = {
  vi: {
    'app.title': 'MotCua — Bộ phận một cửa',
    'app.lang': 'English',
    'home.counter': 'Quầy tiếp dân',
    'home.counter.hint': 'Cán bộ đăng nhập, gọi số, phục vụ',
    'home.board': 'Bảng hiển thị',
    'home.board.hint': 'Màn hình phòng chờ: số đang phục vụ, lời mời',
    'home.reports': 'Báo cáo',
    'home.reports.hint': 'Mức độ hài lòng và số liệu hàng đợi cho lãnh đạo',
    'login.title': 'Đăng nhập quầy',
    'login.username': 'Tên đăng nhập',
    'login.password': 'Mật khẩu',
    'login.counter': 'Quầy',
    'login.submit': 'Đăng nhập',
    'login.logout': 'Đăng xuất',
    'login.failed': 'Đăng nhập không thành công: {message}',
    'counter.title': 'Quầy số {counter}',
    'counter.officer': 'Cán bộ: {name}',
    'counter.services': 'Dịch vụ của quầy',
    'counter.current': 'Đang phục vụ',
    'counter.none': 'Chưa có số',
    'counter.state.called': 'Đã gọi — chờ công dân đến',
    'counter.state.serving': 'Đang giải quyết',
    'counter.recalls': 'Đã gọi lại {n} lần',
    'counter.waiting': 'Đang chờ',
    'counter.paused': 'Quầy đang tạm dừng',
    'counter.closed': 'Quầy đang đóng',
    'btn.call_next': 'Gọi số tiếp theo',
    'btn.recall': 'Gọi lại',
    'btn.start': 'Bắt đầu',
    'btn.done': 'Hoàn thành',
    'btn.no_show': 'Vắng mặt',
    'btn.transfer': 'Chuyển',
    'btn.pause': 'Tạm dừng',
    'btn.resume': 'Mở lại quầy',
    'transfer.title': 'Chuyển sang dịch vụ',
    'transfer.cancel': 'Hủy',
    'conn.open': 'Đã kết nối',
    'conn.connecting': 'Đang kết nối lại…',
    'conn.closed': 'Mất kết nối với máy chủ — đang thử lại',
    'error.unreachable': 'Không liên lạc được máy chủ. Kiểm tra mạng rồi thử lại.',
    'error.generic': 'Lỗi: {message}',
    'board.title': 'Bộ phận một cửa',
    'board.now_serving': 'Đang phục vụ',
    'board.counter': 'Quầy {counter}',
    'board.last_called': 'Số vừa gọi',
    'board.waiting': 'Đang chờ',
    'board.people': '{n} người',
    'board.callout': 'Xin mời số thứ tự {number} đến quầy số {counter}',
    'board.offline': 'Đang kết nối lại máy chủ…',
    'board.enroll_needed': 'Bảng hiển thị chưa được đăng ký: mở /board/?code=MÃ-ĐĂNG-KÝ',
    'board.sound': 'Bấm để bật âm thanh',
    'reports.title': 'Báo cáo',
    'reports.month': 'Tháng',
    'reports.show': 'Xem',
    'reports.csv': 'Tải CSV',
    'reports.csv_satisfaction': 'CSV hài lòng',
    'reports.csv_queue': 'CSV hàng đợi',
    'reports.print': 'In',
    'reports.satisfaction': 'Mức độ hài lòng',
    'reports.rate': 'Tỷ lệ hài lòng',
    'reports.ratings': 'Số lượt đánh giá',
    'reports.previous': 'Kỳ trước',
    'reports.per_level': 'Theo mức',
    'reports.per_counter': 'Theo quầy',
    'reports.per_officer': 'Theo cán bộ',
    'reports.per_service': 'Theo dịch vụ',
    'reports.per_day': 'Theo ngày',
    'reports.heatmap': 'Tỷ lệ hài lòng theo thứ và giờ',
    'reports.reasons': 'Lý do không hài lòng',
    'reports.queue': 'Hàng đợi',
    'reports.tickets': 'Số phiếu',
    'reports.per_hour': 'Số phiếu theo giờ',
    'reports.wait': 'Thời gian chờ (phút)',
    'reports.service_time': 'Thời gian giải quyết (phút)',
    'reports.median': 'Trung vị',
    'reports.p90': 'P90',
    'reports.no_shows': 'Vắng mặt',
    'reports.priority_share': 'Tỷ lệ ưu tiên',
    'reports.unknown': '(không rõ)',
    'reports.login_needed': 'Cần đăng nhập bằng tài khoản lãnh đạo',
    'level.very_satisfied': 'Rất hài lòng',
    'level.satisfied': 'Hài lòng',
    'level.neutral': 'Bình thường',
    'level.dissatisfied': 'Không hài lòng',
    'level.very_dissatisfied': 'Rất không hài lòng',
    'reason.officer_attitude': 'Thái độ cán bộ',
    'reason.waiting_time': 'Thời gian chờ',
    'reason.guidance': 'Hướng dẫn chưa rõ',
    'reason.facilities': 'Cơ sở vật chất',
    'reason.repeat_visits': 'Phải đi lại nhiều lần',
    'reason.other': 'Khác',
    'weekday.1': 'T2', 'weekday.2': 'T3', 'weekday.3': 'T4', 'weekday.4': 'T5',
    'weekday.5': 'T6', 'weekday.6': 'T7', 'weekday.0': 'CN',
  },
  en: {
    'app.title': 'MotCua — One-stop desk',
    'app.lang': 'Tiếng Việt',
    'home.counter': 'Counter',
    'home.counter.hint': 'Officers log in, call numbers, serve',
    'home.board': 'Display board',
    'home.board.hint': 'Waiting-room screen: now serving, call-outs',
    'home.reports': 'Reports',
    'home.reports.hint': 'Satisfaction and queue figures for the chief',
    'login.title': 'Counter login',
    'login.username': 'User name',
    'login.password': 'Password',
    'login.counter': 'Counter',
    'login.submit': 'Log in',
    'login.logout': 'Log out',
    'login.failed': 'Login failed: {message}',
    'counter.title': 'Counter {counter}',
    'counter.officer': 'Officer: {name}',
    'counter.services': "This counter's services",
    'counter.current': 'Now serving',
    'counter.none': 'No ticket',
    'counter.state.called': 'Called — waiting for the citizen',
    'counter.state.serving': 'Being served',
    'counter.recalls': 'Recalled {n} times',
    'counter.waiting': 'Waiting',
    'counter.paused': 'Counter paused',
    'counter.closed': 'Counter closed',
    'btn.call_next': 'Call next',
    'btn.recall': 'Recall',
    'btn.start': 'Start',
    'btn.done': 'Done',
    'btn.no_show': 'No-show',
    'btn.transfer': 'Transfer',
    'btn.pause': 'Pause',
    'btn.resume': 'Reopen counter',
    'transfer.title': 'Transfer to service',
    'transfer.cancel': 'Cancel',
    'conn.open': 'Connected',
    'conn.connecting': 'Reconnecting…',
    'conn.closed': 'Lost the station — retrying',
    'error.unreachable': 'The station does not answer. Check the network and try again.',
    'error.generic': 'Error: {message}',
    'board.title': 'One-stop desk',
    'board.now_serving': 'Now serving',
    'board.counter': 'Counter {counter}',
    'board.last_called': 'Last called',
    'board.waiting': 'Waiting',
    'board.people': '{n} people',
    'board.callout': 'Xin mời số thứ tự {number} đến quầy số {counter}',
    'board.offline': 'Reconnecting to the station…',
    'board.enroll_needed': 'This board is not enrolled: open /board/?code=ENROLLMENT-CODE',
    'board.sound': 'Click to enable sound',
    'reports.title': 'Reports',
    'reports.month': 'Month',
    'reports.show': 'Show',
    'reports.csv': 'Download CSV',
    'reports.csv_satisfaction': 'Satisfaction CSV',
    'reports.csv_queue': 'Queue CSV',
    'reports.print': 'Print',
    'reports.satisfaction': 'Satisfaction',
    'reports.rate': 'Satisfaction rate',
    'reports.ratings': 'Ratings',
    'reports.previous': 'Previous period',
    'reports.per_level': 'Per level',
    'reports.per_counter': 'Per counter',
    'reports.per_officer': 'Per officer',
    'reports.per_service': 'Per service',
    'reports.per_day': 'Per day',
    'reports.heatmap': 'Satisfaction rate by weekday and hour',
    'reports.reasons': 'Reasons for dissatisfaction',
    'reports.queue': 'Queue',
    'reports.tickets': 'Tickets',
    'reports.per_hour': 'Tickets per hour',
    'reports.wait': 'Waiting time (minutes)',
    'reports.service_time': 'Service time (minutes)',
    'reports.median': 'Median',
    'reports.p90': 'P90',
    'reports.no_shows': 'No-shows',
    'reports.priority_share': 'Priority share',
    'reports.unknown': '(unknown)',
    'reports.login_needed': 'Log in with a chief account',
    'level.very_satisfied': 'Very satisfied',
    'level.satisfied': 'Satisfied',
    'level.neutral': 'Neutral',
    'level.dissatisfied': 'Dissatisfied',
    'level.very_dissatisfied': 'Very dissatisfied',
    'reason.officer_attitude': "Officer's attitude",
    'reason.waiting_time': 'Waiting time',
    'reason.guidance': 'Unclear guidance',
    'reason.facilities': 'Facilities',
    'reason.repeat_visits': 'Had to come back several times',
    'reason.other': 'Other',
    'weekday.1': 'Mon', 'weekday.2': 'Tue', 'weekday.3': 'Wed', 'weekday.4': 'Thu',
    'weekday.5': 'Fri', 'weekday.6': 'Sat', 'weekday.0': 'Sun',
  },
};

function initialLanguage() {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'vi' || asked === 'en') return asked;
  try {
    const saved = localStorage.getItem('motcua.lang');
    if (saved === 'vi' || saved === 'en') return saved;
  } catch (e) {
    // storage may be off (private mode): Vietnamese, the default
  }
  return 'vi';
}

let language = initialLanguage();

export function lang() {
  return language;
}

export function t(key, params = {}) {
  let text = TEXTS[language][key] ?? TEXTS.vi[key] ?? key;
  for (const [name, value] of Object.entries(params)) text = text.replaceAll(`{${name}}`, String(value));
  return text;
}

export function applyTexts(root = document) {
  document.documentElement.lang = language;
  for (const el of root.querySelectorAll('[data-t]')) el.textContent = t(el.dataset.t);
  for (const el of root.querySelectorAll('[data-t-placeholder]')) el.placeholder = t(el.dataset.tPlaceholder);
}

export function setLanguage(next) {
  language = next === 'en' ? 'en' : 'vi';
  try {
    localStorage.setItem('motcua.lang', language);
  } catch (e) {
    // not kept across reloads; fine
  }
  applyTexts();
}

export function toggleLanguage() {
  setLanguage(language === 'vi' ? 'en' : 'vi');
}

// A service's label in the page's language: catalog labels are {vi, en}.
export function label(labels) {
  if (!labels) return '';
  return labels[language] || labels.vi || Object.values(labels)[0] || '';
}
