/**
 * The shortcodes people and bots commonly use, not Slack's full set: an unknown one stays
 * as its `:name:` text, which is also what Slack shows for a custom emoji it cannot find.
 */
const EMOJI: Record<string, string> = {
  '+1': '👍', thumbsup: '👍', '-1': '👎', thumbsdown: '👎', ok_hand: '👌', clap: '👏', pray: '🙏', muscle: '💪',
  raised_hands: '🙌', wave: '👋', point_right: '👉', point_left: '👈', point_up: '☝️', point_down: '👇', handshake: '🤝',
  eyes: '👀', brain: '🧠', smile: '😄', smiley: '😃', grinning: '😀', slightly_smiling_face: '🙂', wink: '😉', joy: '😂',
  laughing: '😆', sweat_smile: '😅', thinking_face: '🤔', neutral_face: '😐', confused: '😕', disappointed: '😞',
  cry: '😢', sob: '😭', scream: '😱', sunglasses: '😎', heart_eyes: '😍', partying_face: '🥳', skull: '💀', ghost: '👻',
  zombie: '🧟', robot_face: '🤖', heart: '❤️', broken_heart: '💔', fire: '🔥', sparkles: '✨', star: '⭐', star2: '🌟',
  zap: '⚡', boom: '💥', tada: '🎉', confetti_ball: '🎊', gift: '🎁', trophy: '🏆', medal: '🏅', first_place_medal: '🥇',
  rocket: '🚀', dart: '🎯', bulb: '💡', moneybag: '💰', money_with_wings: '💸', dollar: '💵', yen: '💴', credit_card: '💳',
  chart_with_upwards_trend: '📈', chart_with_downwards_trend: '📉', bar_chart: '📊', clipboard: '📋', memo: '📝',
  pencil: '📝', pencil2: '✏️', page_facing_up: '📄', file_folder: '📁', open_file_folder: '📂', calendar: '📆',
  date: '📅', spiral_calendar_pad: '🗓️', pushpin: '📌', round_pushpin: '📍', paperclip: '📎', link: '🔗', mag: '🔍',
  lock: '🔒', unlock: '🔓', key: '🔑', bell: '🔔', no_bell: '🔕', loudspeaker: '📢', mega: '📣', email: '📧',
  envelope: '✉️', incoming_envelope: '📨', inbox_tray: '📥', outbox_tray: '📤', phone: '☎️', telephone_receiver: '📞',
  iphone: '📱', computer: '💻', briefcase: '💼', office: '🏢', house: '🏠', gear: '⚙️', wrench: '🔧', hammer: '🔨',
  hammer_and_wrench: '🛠️', package: '📦', hourglass: '⌛', hourglass_flowing_sand: '⏳', stopwatch: '⏱️',
  alarm_clock: '⏰', watch: '⌚', zzz: '💤', coffee: '☕', beers: '🍻', pizza: '🍕', sunny: '☀️', cloud: '☁️',
  umbrella: '☔', snowflake: '❄️', rainbow: '🌈', earth_asia: '🌏', globe_with_meridians: '🌐', seedling: '🌱',
  warning: '⚠️', rotating_light: '🚨', no_entry: '⛔', no_entry_sign: '🚫', stop_sign: '🛑', construction: '🚧',
  white_check_mark: '✅', heavy_check_mark: '✔️', ballot_box_with_check: '☑️', x: '❌', heavy_multiplication_x: '✖️',
  negative_squared_cross_mark: '❎', question: '❓', grey_question: '❔', exclamation: '❗', heavy_exclamation_mark: '❗',
  bangbang: '‼️', information_source: 'ℹ️', new: '🆕', free: '🆓', up: '🆙', cool: '🆒', sos: '🆘', '100': '💯',
  heavy_plus_sign: '➕', heavy_minus_sign: '➖', arrow_up: '⬆️', arrow_down: '⬇️', arrow_left: '⬅️', arrow_right: '➡️',
  arrow_upper_right: '↗️', arrow_lower_right: '↘️', arrows_counterclockwise: '🔄', repeat: '🔁', fast_forward: '⏩',
  red_circle: '🔴', large_blue_circle: '🔵', blue_circle: '🔵', large_green_circle: '🟢', large_yellow_circle: '🟡',
  large_orange_circle: '🟠', large_purple_circle: '🟣', white_circle: '⚪', black_circle: '⚫', red_square: '🟥',
  large_green_square: '🟩', large_yellow_square: '🟨', large_blue_square: '🟦', white_large_square: '⬜',
  black_large_square: '⬛', small_red_triangle: '🔺', small_red_triangle_down: '🔻', large_orange_diamond: '🔶',
  large_blue_diamond: '🔷', checkered_flag: '🏁', triangular_flag_on_post: '🚩', speech_balloon: '💬',
  thought_balloon: '💭', busts_in_silhouette: '👥', bust_in_silhouette: '👤', man: '👨', woman: '👩',
  clock1: '🕐', clock2: '🕑', clock3: '🕒', clock4: '🕓', clock5: '🕔', clock6: '🕕', clock7: '🕖', clock8: '🕗',
  clock9: '🕘', clock10: '🕙', clock11: '🕚', clock12: '🕛', one: '1️⃣', two: '2️⃣', three: '3️⃣', four: '4️⃣', five: '5️⃣',
  cn: '🇨🇳', us: '🇺🇸', jp: '🇯🇵', gb: '🇬🇧', eu: '🇪🇺',
};

export function emojiFor(name: string): string | undefined {
  return Object.hasOwn(EMOJI, name) ? EMOJI[name] : undefined;
}

/** `:name:` and `:name::skin-tone-3:` as Slack writes them; names are lowercase words joined by _ + - '. */
export const EMOJI_SHORTCODE = /:([a-z0-9_+'-]+):(?::skin-tone-[2-6]:)?/g;

/** Rich text emoji elements carry the code points as hex ("1f600-fe0f"). */
export function emojiFromUnicode(hex: string | undefined): string | undefined {
  if (!hex) return undefined;
  const points = hex.split('-').map((part) => Number.parseInt(part, 16));
  if (points.some((point) => !Number.isInteger(point) || point < 0 || point > 0x10ffff)) return undefined;
  return String.fromCodePoint(...points);
}
