/**
 * Fictional Chinese content of the demo: names are assembled from common surnames and
 * given names (checked against well-known people), topics and venues are plausible inventions.
 */

export const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭',
  '何', '高', '林', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾',
  '肖', '田', '董', '袁', '潘', '蒋', '蔡', '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任',
  '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '金', '石', '廖', '贾', '夏', '韦',
  '方', '白', '邹', '孟', '熊', '秦', '邱', '江', '尹', '薛', '段', '雷', '侯', '史', '陶', '黎',
  '贺', '顾', '毛', '郝', '龚', '邵', '万', '严', '武', '戴', '孔', '汤',
] as const

/** Given names common among staff and retirees. */
export const SENIOR_GIVEN_NAMES = [
  '建华', '卫东', '红梅', '秀英', '海燕', '国庆', '丽萍', '晓东', '永刚', '玉兰', '建平', '文斌',
  '淑芬', '春华', '振华', '桂芳', '明辉', '凤英', '学军', '晓红', '爱民', '建军', '素梅', '立新',
  '翠兰', '宏伟', '亚平', '金凤', '新民', '少华', '彩霞', '国栋', '慧敏', '永红', '继东', '文华',
  '晓燕', '建英', '光明', '海涛', '云峰', '玉梅', '利民', '卫国', '振宇', '秀兰', '志红', '德全',
] as const

/** Given names common among students. */
export const STUDENT_GIVEN_NAMES = [
  '子涵', '梓萱', '浩然', '雨轩', '思远', '欣怡', '佳琪', '宇航', '一诺', '诗涵', '子轩', '晨阳',
  '嘉怡', '俊杰', '明轩', '雅婷', '博文', '思琪', '梦瑶', '泽宇', '天宇', '雨桐', '可欣', '奕辰',
  '书瑶', '皓轩', '昊天', '心怡', '佳怡', '子墨', '沐阳', '晓彤', '睿哲', '欣然', '思彤', '梓豪',
  '嘉豪', '文博', '婧怡', '宇轩', '佳慧', '雨萱', '浩宇', '思源', '静怡', '子豪', '晨曦', '鹏飞',
  '志远', '若楠', '昕悦', '景行', '安琪', '明哲', '立诚', '语桐',
] as const

export const MOBILE_PREFIXES = [
  '130', '131', '132', '135', '136', '137', '138', '139', '150', '151', '152', '157', '158', '159',
  '177', '180', '182', '186', '187', '188', '189', '199',
] as const

export const OFF_SITE_VENUES = ['东海市革命历史纪念馆', '东海烈士陵园', '东海理工大学校史馆'] as const

export interface ThemeDayIdea {
  topic: string
  offSite: boolean
}

export const THEME_DAY_IDEAS: readonly ThemeDayIdea[] = [
  { topic: '学习贯彻党的二十届三中全会精神', offSite: false },
  { topic: '“铭记历史 缅怀先烈”红色教育实践', offSite: true },
  { topic: '党纪学习教育：学习《中国共产党纪律处分条例》', offSite: false },
  { topic: '重温入党誓词 坚定理想信念', offSite: true },
  { topic: '主题教育专题学习：以学铸魂 以学增智', offSite: false },
  { topic: '“我为师生办实事”志愿服务', offSite: false },
  { topic: '学习贯彻全国教育大会精神', offSite: false },
  { topic: '学习贯彻党的二十届四中全会精神', offSite: false },
]

export const COMMITTEE_TOPICS = [
  '研究部署本月支部工作和主题党日安排',
  '讨论发展对象政治审查情况',
  '研究预备党员转正及发展党员工作',
  '研究党员学时完成情况及督促措施',
  '研究支部党建与业务工作融合推进事项',
  '讨论支部年度工作要点落实情况',
] as const

export const GROUP_TOPICS = [
  '学习党的二十届三中全会《决定》有关论述',
  '交流党纪学习教育心得体会',
  '学习《中国共产党章程》总纲',
  '结合本职工作交流学习体会',
  '学习习近平总书记关于教育的重要论述',
  '开展批评与自我批评 查找差距不足',
] as const

export const GENERAL_MEETING_TOPICS = [
  '通报支部季度工作 讨论预备党员转正',
  '传达学习上级党组织会议精神',
  '讨论接收预备党员 推选优秀党员候选人',
  '通报党费收缴情况 部署下一阶段工作',
] as const

export const LECTURE_TOPICS = [
  '以中国式现代化全面推进强国建设',
  '严守党的纪律 筑牢廉洁防线',
  '弘扬教育家精神 践行立德树人使命',
  '新时代青年的使命与担当',
  '从党史中汲取奋进力量',
  '深刻把握新质生产力的内涵与要求',
] as const

/** Invited speakers from outside the branch (fictional). */
export const GUEST_SPEAKERS = [
  '何振宇（马克思主义学院 教授）',
  '许文斌（党委宣传部 副部长）',
  '邵佳慧（马克思主义学院 副教授）',
] as const

export const CANCELLED_THEME_DAY_REASON = '因期中考试安排调整，活动延期举行'

export interface StudyCourse {
  title: string
  hours: number
}

export const STUDY_COURSES: readonly StudyCourse[] = [
  { title: '学习强国“党纪学习教育”专题学习', hours: 2 },
  { title: '全国党员教育培训网络学院：党的二十届三中全会精神解读', hours: 3 },
  { title: '学习强国：党史学习专题视频', hours: 1.5 },
  { title: '中国大学MOOC：习近平新时代中国特色社会主义思想概论（选学章节）', hours: 4 },
  { title: '东海理工大学网络党校：党员教育专题培训', hours: 2 },
  { title: '学习强国：“强国复兴有我”专题', hours: 1 },
]

export const TEACHER_STUDY_COURSES: readonly StudyCourse[] = [
  { title: '高校教师网络培训中心：师德师风专题培训', hours: 4 },
  { title: '全国高校思想政治工作网：课程思政专题研修', hours: 3 },
]
