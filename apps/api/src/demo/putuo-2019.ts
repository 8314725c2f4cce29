import type { DemoDepartment } from './putuo-2020.js';
import type { ProposalCategory } from '@app/proposals';

/**
 * A sample of the year before, to show delivery: six projects of the kind a district runs
 * (illustrative, not the 2019 work report), each with the milestones and progress a real year
 * would have by now.
 */
export interface Demo2019Project {
  title: string;
  category: ProposalCategory;
  summary: string;
  targets: string[];
  budget: number;
  lead: DemoDepartment;
  proposal: { title: string; description: string; location: string };
  /** Milestones as days from today (negative: past), done or not. */
  milestones: { title: string; inDays: number; done: boolean }[];
  percent: number;
  note: string;
}

export const PROJECTS_2019: Demo2019Project[] = [
  {
    title: '老旧小区综合改造',
    category: 'housing',
    summary: '改造老旧小区的管网、屋面和道路，增设停车位和无障碍设施。',
    targets: ['改造老旧小区12个', '惠及居民4200户'],
    budget: 36_000_000,
    lead: '区住建局',
    proposal: {
      title: '老小区屋顶漏水、路面坑洼，希望整体改造',
      description: '小区建于上世纪九十年代，屋顶漏水，路面坑洼，停车难。',
      location: '东港街道',
    },
    milestones: [
      { title: '完成设计和招标', inDays: -200, done: true },
      { title: '完成首批6个小区改造', inDays: -20, done: true },
      { title: '全部12个小区完工验收', inDays: 40, done: false },
    ],
    percent: 70,
    note: '首批6个小区已完工，第二批正在施工。',
  },
  {
    title: '农村饮用水达标提标',
    category: 'water',
    summary: '改造农村供水管网，提高偏远海岛供水保障。',
    targets: ['改造供水管网15公里', '受益人口1.2万人'],
    budget: 22_000_000,
    lead: '区水利局',
    proposal: {
      title: '海岛夏天经常停水，希望改善供水',
      description: '每到夏天用水高峰就停水，老人挑水很辛苦。',
      location: '六横镇',
    },
    milestones: [
      { title: '完成管网勘测', inDays: -150, done: true },
      { title: '完成主管网铺设', inDays: -10, done: false },
      { title: '通水验收', inDays: 60, done: false },
    ],
    percent: 55,
    note: '主管网铺设受台风影响推迟，正在抢工。',
  },
  {
    title: '社区居家养老服务中心',
    category: 'elderly_care',
    summary: '新建社区居家养老服务中心，提供助餐、日间照料和康复服务。',
    targets: ['新建居家养老服务中心3家'],
    budget: 9_000_000,
    lead: '区民政局',
    proposal: {
      title: '社区老人多，希望有个吃饭和活动的地方',
      description: '独居老人吃饭成问题，希望社区办老年食堂和日间照料中心。',
      location: '沈家门街道',
    },
    milestones: [
      { title: '选址和改建方案', inDays: -120, done: true },
      { title: '三家中心开业', inDays: 10, done: false },
    ],
    percent: 80,
    note: '两家已完成装修，第三家正在采购设备。',
  },
  {
    title: '基层卫生院能力提升',
    category: 'healthcare',
    summary: '为乡镇卫生院配备检查设备，推进远程会诊。',
    targets: ['配备DR和彩超设备8台', '开通远程会诊点6个'],
    budget: 12_000_000,
    lead: '区卫健局',
    proposal: {
      title: '镇卫生院设备老旧，拍片要去城里',
      description: '镇上卫生院没有拍片设备，老人看病要跑很远。',
      location: '桃花镇',
    },
    milestones: [
      { title: '设备采购', inDays: -90, done: true },
      { title: '设备安装和培训', inDays: -30, done: true },
      { title: '远程会诊点开通', inDays: -5, done: true },
    ],
    percent: 100,
    note: '设备全部投用，远程会诊点已开通。',
  },
  {
    title: '菜市场提升改造',
    category: 'food_safety',
    summary: '改造农贸市场，实行食品安全快检和明码标价。',
    targets: ['改造菜市场5家'],
    budget: 8_000_000,
    lead: '区市场监管局',
    proposal: {
      title: '菜市场又脏又乱，希望改造',
      description: '菜场地面湿滑，气味大，价格也不透明。',
      location: '勾山街道',
    },
    milestones: [
      { title: '完成两家改造', inDays: -60, done: true },
      { title: '完成全部五家改造', inDays: 90, done: false },
    ],
    percent: 45,
    note: '两家已改造完成开业，其余三家在施工。',
  },
  {
    title: '零工市场和就业服务站',
    category: 'employment',
    summary: '建设零工市场，在社区设就业服务站，开展渔民转产培训。',
    targets: ['建设零工市场1个', '培训渔民800人次'],
    budget: 3_000_000,
    lead: '区人力社保局',
    proposal: {
      title: '渔民转产找工作难',
      description: '休渔期很多渔民没活干，希望有地方找零工、学技能。',
      location: '朱家尖街道',
    },
    milestones: [
      { title: '零工市场开业', inDays: -45, done: true },
      { title: '完成渔民培训800人次', inDays: 120, done: false },
    ],
    percent: 60,
    note: '零工市场已开业，累计培训渔民500人次。',
  },
];
