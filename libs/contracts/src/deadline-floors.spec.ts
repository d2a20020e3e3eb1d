import { EMERGENCY_RESPONSE_MAX_MINUTES, floorProblem, formatMinutes, type DeadlineFloor } from './deadline-floors';

const ELEVATOR: DeadlineFloor = { code: 'elevator', name: '电梯', responseMinutes: 30, resolutionMinutes: 720, emergency: true };
const FACILITY: DeadlineFloor = { code: 'facility', name: '设施故障', responseMinutes: 60, resolutionMinutes: 2880, emergency: false };
const category = (floor: DeadlineFloor, change: object = {}) => ({ name: floor.name, responseMinutes: floor.responseMinutes, resolutionMinutes: floor.resolutionMinutes, emergency: floor.emergency, active: true, ...change });

describe('county deadline floors', () => {
  it('says durations as a resident reads them', () => {
    expect([5, 60, 90, 120, 1440, 2880, 1500].map(formatMinutes)).toEqual(['5分钟', '1小时', '1小时30分钟', '2小时', '1天', '2天', '25小时']);
  });

  it('lets an estate keep the floor or tighten it', () => {
    expect(floorProblem(category(ELEVATOR), ELEVATOR)).toBeNull();
    expect(floorProblem(category(FACILITY, { responseMinutes: 15, resolutionMinutes: 600 }), FACILITY)).toBeNull();
    expect(floorProblem(category(FACILITY, { active: false }), FACILITY)).toBeNull();
    expect(floorProblem(category(FACILITY, { responseMinutes: 9999 }), undefined)).toBeNull();
  });

  it.each([
    [category(FACILITY, { responseMinutes: 61 }), FACILITY, 'responseMinutes', 'DEADLINE_LOOSER_THAN_FLOOR', '“设施故障”的响应时限不能超过县里规定的1小时'],
    [category(FACILITY, { resolutionMinutes: 2881 }), FACILITY, 'resolutionMinutes', 'DEADLINE_LOOSER_THAN_FLOOR', '“设施故障”的办结时限不能超过县里规定的2天'],
    [category(ELEVATOR, { emergency: false }), ELEVATOR, 'emergency', 'DEADLINE_LOOSER_THAN_FLOOR', '“电梯”是县里规定的紧急分类，须保留“紧急”'],
    [category(ELEVATOR, { active: false }), ELEVATOR, 'active', 'DEADLINE_LOOSER_THAN_FLOOR', '“电梯”是县里规定的紧急分类，不能停用'],
    [category(FACILITY, { emergency: true, responseMinutes: EMERGENCY_RESPONSE_MAX_MINUTES + 1 }), undefined, 'responseMinutes', 'EMERGENCY_RESPONSE_TOO_LONG', '“设施故障”是紧急分类，响应时限不能超过4小时'],
  ])('refuses a looser category: %j', (c, floor, field, code, message) => {
    expect(floorProblem(c, floor)).toEqual({ field, code, message });
  });
});
