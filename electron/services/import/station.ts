/**
 * Where a parcel waits for the customer, from the courier's own words: "已放菜鸟驿站（农业路店），
 * 凭取件码领取", "快件已放入丰巢智能柜【幸福小区3号柜】", "已到达【金水区农业路营业部】，请自取".
 * Read only for the lines that say the parcel waits to be collected (awaiting pickup, back at the
 * station), where a branch named in the text is the place to go. Nothing found: null (the card
 * asks the agent to find out, as before).
 */
import type { CourierEvent } from '../../../shared/intake';

/** The events whose text names where the parcel waits. */
export const WAITING: ReadonlySet<CourierEvent> = new Set(['awaiting_pickup', 'returned_to_station']);

/** Words that make a name a place to collect from. */
const PLACE = /驿站|快递柜|丰巢|智能柜|自提|代收点|快递超市|服务站|服务点|便利店|超市|门卫|收发室|营业部|网点|站点|分部|取件点|快递点/;

/** "(put) at": what comes after it is the place. */
const PUT_AT = /(?:已到达|到达|暂存至|暂存于|暂存在|存放至|存放于|存放在|已放入|已放至|已放在|已放到|已放|放入|放至|放在|放到|已存入|存入|投递至|投递到|投至|已送达|送达|送至)\s*/g;

/** Where the place's name stops: punctuation, or the start of what the customer is asked to do. */
const NAME_END = /[，,。；;！!？?]|\s请|请凭|请您|请及时|凭取件码|取件码|联系电话|电话[:：]/;

const MAX_NAME = 60;

function place(candidate: string): string | null {
  const end = NAME_END.exec(candidate);
  const name = (end ? candidate.slice(0, end.index) : candidate).trim().replace(/^【([^】]+)】$/, '$1');
  return name.length >= 2 && name.length <= MAX_NAME && PLACE.test(name) ? name : null;
}

export function stationFromText(event: CourierEvent, ...texts: (string | null)[]): string | null {
  if (!WAITING.has(event)) return null;
  for (const text of texts) {
    if (!text) continue;
    const t = text.replace(/\s+/g, ' ');
    for (const m of t.matchAll(PUT_AT)) {
      const found = place(t.slice(m.index + m[0].length));
      if (found) return found;
    }
    // A bracketed name on its own: "【兔喜快递超市(幸福路)】您的快件已到".
    for (const m of t.matchAll(/【([^】]{2,60})】/g)) {
      if (PLACE.test(m[1])) return m[1].trim();
    }
  }
  return null;
}
