import type { ProposalCategory } from '@app/proposals';

/** Departments of the demo district (普陀区). */
export const DEPARTMENTS = [
  '区卫健局',
  '区民政局',
  '区人力社保局',
  '区水利局',
  '区住建局',
  '区综合执法局',
  '区市场监管局',
  '区教育局',
] as const;

export type DemoDepartment = (typeof DEPARTMENTS)[number];

export interface DemoProject {
  /** The proposal a resident filed. */
  proposal: { title: string; description: string; location: string };
  /** The candidate the officials drafted from it, with the 2020 work report's own targets. */
  candidate: {
    title: string;
    group: string;
    category: ProposalCategory;
    summary: string;
    targets: string[];
    budget: number;
    lead: DemoDepartment;
  };
}

/** The 12 candidates of the 2020 Putuo district list, each grown from a resident's proposal. */
export const PROJECTS: DemoProject[] = [
  {
    proposal: {
      title: '治理城区黑臭河道，推进污水零直排',
      description: '小区雨污混接，河道发黑发臭，希望整治河道、推进污水零直排区建设。',
      location: '沈家门街道',
    },
    candidate: {
      title: '品质河道和"污水零直排区"建设',
      group: '生态环境优化',
      category: 'environment',
      summary: '整治城区河道水环境，推进小区雨污分流改造。',
      targets: ['新增品质河道8条', '打造40个小区"污水零直排区"'],
      budget: 48_000_000,
      lead: '区住建局',
    },
  },
  {
    proposal: {
      title: '海岛居民住院难，希望就近住院',
      description: '小岛居民看病要坐船到本岛，老人住院很不方便，希望海岛也能住院。',
      location: '东极镇',
    },
    candidate: {
      title: '海岛住院服务全覆盖',
      group: '医疗便民服务',
      category: 'healthcare',
      summary: '在万人以上海岛设立住院服务点，配齐医护力量。',
      targets: ['实现万人以上海岛住院服务全覆盖'],
      budget: 12_000_000,
      lead: '区卫健局',
    },
  },
  {
    proposal: {
      title: '建设示范型居家养老服务中心',
      description: '社区老人越来越多，希望有日间照料、助餐、康复的居家养老服务中心。',
      location: '东港街道',
    },
    candidate: {
      title: '示范型居家养老服务中心',
      group: '社会保障服务',
      category: 'elderly_care',
      summary: '新建示范型居家养老服务中心，提供日间照料、助餐、康复服务。',
      targets: ['新建示范型居家养老服务中心2家'],
      budget: 6_000_000,
      lead: '区民政局',
    },
  },
  {
    proposal: {
      title: '帮助渔民转产转业和高校毕业生就业',
      description: '渔业转型后不少渔民需要再就业，年轻人也希望家门口有好工作。',
      location: '普陀区',
    },
    candidate: {
      title: '就业促进工程',
      group: '就业促进',
      category: 'employment',
      summary: '开展技能培训和就业援助，促进城乡居民就业。',
      targets: ['新增就业3800人'],
      budget: 9_500_000,
      lead: '区人力社保局',
    },
  },
  {
    proposal: {
      title: '改造渔农村供水管网',
      description:
        '村里供水管网老旧，夏天经常停水，青浜岛用水更困难，希望改造管网、建设海水淡化设施。',
      location: '东极镇青浜岛',
    },
    candidate: {
      title: '渔农村供水保障工程',
      group: '生态环境优化',
      category: 'water',
      summary: '改造渔农村老旧供水管网，建设海岛海水淡化设施。',
      targets: ['改造渔农村供水管网21公里', '建设青浜海水淡化设施'],
      budget: 35_000_000,
      lead: '区水利局',
    },
  },
  {
    proposal: {
      title: '整治流域水系，防汛排涝',
      description: '台风季节内涝严重，希望疏浚河道、新建闸站。',
      location: '展茅街道',
    },
    candidate: {
      title: '流域水系整治和闸站建设',
      group: '生态环境优化',
      category: 'water',
      summary: '提升整治流域水系，新建改建排涝闸站。',
      targets: ['提升整治流域水系21公里', '新建改建闸站14座'],
      budget: 56_000_000,
      lead: '区水利局',
    },
  },
  {
    proposal: {
      title: '垃圾分类定时定点投放',
      description: '小区垃圾桶太多太乱，希望撤桶并点、定时投放，改善环境。',
      location: '朱家尖街道',
    },
    candidate: {
      title: '垃圾分类"撤桶并点"示范小区',
      group: '生态环境优化',
      category: 'environment',
      summary: '推行"撤桶并点""定时投放"，建设垃圾分类示范小区。',
      targets: ['建成23个"撤桶并点""定时投放"示范小区'],
      budget: 4_600_000,
      lead: '区综合执法局',
    },
  },
  {
    proposal: {
      title: '建设残疾人托养中心',
      description: '重度残疾人家庭照护压力大，希望有专业的托养和康复服务。',
      location: '普陀区',
    },
    candidate: {
      title: '残疾人托养和康复服务',
      group: '社会保障服务',
      category: 'social_security',
      summary: '建设残疾人托养中心，提升基本康复服务。',
      targets: ['完成残疾人托养中心主体工程', '基本康复服务率95%以上'],
      budget: 18_000_000,
      lead: '区民政局',
    },
  },
  {
    proposal: {
      title: '增加3岁以下婴幼儿托育服务',
      description: '双职工家庭孩子没人带，托育机构少、价格高，希望有普惠托育。',
      location: '东港街道',
    },
    candidate: {
      title: '婴幼儿普惠性托育服务',
      group: '社会保障服务',
      category: 'childcare',
      summary: '发展普惠性托育机构，完善3岁以下婴幼儿照护服务。',
      targets: ['完善3岁以下婴幼儿普惠性托育服务'],
      budget: 5_000_000,
      lead: '区卫健局',
    },
  },
  {
    proposal: {
      title: '老人儿童免费接种流感疫苗',
      description: '流感季节老人孩子容易生病，希望重点人群能免费打流感疫苗。',
      location: '普陀区',
    },
    candidate: {
      title: '重点人群流感疫苗免费接种',
      group: '医疗便民服务',
      category: 'healthcare',
      summary: '为重点人群提供自愿免费流感疫苗接种。',
      targets: ['重点人群流感疫苗自愿免费接种'],
      budget: 3_200_000,
      lead: '区卫健局',
    },
  },
  {
    proposal: {
      title: '外卖餐饮后厨要看得见',
      description: '点外卖担心后厨卫生，希望网络餐饮商家后厨公开透明。',
      location: '沈家门街道',
    },
    candidate: {
      title: '网络餐饮"阳光厨房"',
      group: '食品安全',
      category: 'food_safety',
      summary: '推动网络餐饮商家后厨视频公开，接受社会监督。',
      targets: ['建设100家网络餐饮"阳光厨房"'],
      budget: 1_500_000,
      lead: '区市场监管局',
    },
  },
  {
    proposal: {
      title: '买海鲜希望有平价供应点',
      description: '本地人买新鲜水产品反而贵，希望设立平价供应点。',
      location: '沈家门街道',
    },
    candidate: {
      title: '新鲜水产品平价供应点',
      group: '民生保障',
      category: 'food_safety',
      summary: '在社区设立新鲜水产品平价供应点，稳定价格。',
      targets: ['新建6家新鲜水产品平价供应点'],
      budget: 1_200_000,
      lead: '区市场监管局',
    },
  },
];

/** Proposals that screening did not turn into candidates: one kept in reserve, one rejected, one merged. */
export const OTHER_PROPOSALS = {
  reserve: {
    title: '增设公交线路和候车亭',
    description: '偏远社区公交班次少，希望增设线路和候车亭。',
    location: '六横镇',
    category: 'transport' as ProposalCategory,
  },
  rejected: {
    title: '在景区修建大型游乐场',
    description: '希望政府出资建设大型游乐场吸引游客。',
    location: '朱家尖街道',
    category: 'culture_sports' as ProposalCategory,
    reason: '属于商业投资项目，不宜列入政府民生实事，建议通过招商引资推进。',
  },
  duplicate: {
    title: '供水管网老化，经常停水',
    description: '我们村的自来水管网老化严重，经常停水。',
    location: '东极镇',
    category: 'water' as ProposalCategory,
  },
};

export const DEMO_PASSWORD = 'minsheng2020';
export const DEPUTY_COUNT = 60;
export const RESIDENT_COUNT = 30;

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
  '海波',
  '建国',
  '晓东',
  '春燕',
];

/** A plausible, stable name for the n-th person of the demo. */
export function demoName(index: number): string {
  return (
    SURNAMES[index % SURNAMES.length] +
    GIVEN[Math.floor(index / SURNAMES.length + index) % GIVEN.length]
  );
}
