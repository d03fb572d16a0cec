import type { DirectoryDocument } from '../schemas';

/**
 * The demo org directory (without users — see demo-users.ts): 吉安市 with two districts, four streets, five
 * communities and eight compounds, their departments, property firms, owners' committees and party branches.
 * Names and sizes come from the news reports in the project's seeds (吉盛小区: 68 buildings, 465 stairwells, 9,980
 * households; 城建花苑 and 锦华物业; 桃树下社区; 名仕家园, 帝景豪苑, 安石社区; 江华城; 在家天下), placed in one
 * fictional city for the demo; 溪谷街道 is invented. Demo data only: turned off for real deployments.
 */
export const demoDirectory = {
  propertyFirms: [
    { id: 'changfang', name: '长房集团物业发展有限公司' },
    { id: 'jinhua', name: '吉安市锦华物业有限公司' },
    { id: 'hongxin', name: '红心物业服务有限公司' },
    { id: 'wanlong', name: '万龙物业服务有限公司' },
  ],
  orgUnits: [
    { path: 'jian', name: '吉安市' },
    { path: 'jian/jizhou', name: '吉州区' },
    { path: 'jian/jizhou/xigu', name: '溪谷街道' },
    { path: 'jian/jizhou/xigu/jisheng-sq', name: '吉盛社区' },
    { path: 'jian/jizhou/xigu/jisheng-sq/jisheng', name: '吉盛小区', households: 9980, propertyFirm: 'changfang' },
    { path: 'jian/jizhou/xigu/jisheng-sq/shuangan', name: '双安家园', households: 1260, propertyFirm: 'changfang' },
    { path: 'jian/jizhou/gunan', name: '古南街道' },
    { path: 'jian/jizhou/gunan/taoshuxia', name: '桃树下社区' },
    {
      path: 'jian/jizhou/gunan/taoshuxia/chengjian-huayuan',
      name: '城建花苑',
      households: 864,
      propertyFirm: 'jinhua',
    },
    { path: 'jian/jizhou/gunan/huotoumen', name: '火头门社区' },
    { path: 'jian/jizhou/gunan/huotoumen/wenshan-jiayuan', name: '文山家园', households: 412 },
    { path: 'jian/qingyuan', name: '青原区' },
    { path: 'jian/qingyuan/hedong', name: '河东街道' },
    { path: 'jian/qingyuan/hedong/anshi', name: '安石社区' },
    { path: 'jian/qingyuan/hedong/anshi/mingshi-jiayuan', name: '名仕家园', households: 1136, propertyFirm: 'hongxin' },
    { path: 'jian/qingyuan/hedong/anshi/dijing-haoyuan', name: '帝景豪苑', households: 728, propertyFirm: 'hongxin' },
    { path: 'jian/qingyuan/binjiang', name: '滨江街道' },
    { path: 'jian/qingyuan/binjiang/peixinjie', name: '培新街社区' },
    {
      path: 'jian/qingyuan/binjiang/peixinjie/jianghua-cheng',
      name: '江华城',
      households: 1520,
      propertyFirm: 'wanlong',
    },
    {
      path: 'jian/qingyuan/binjiang/peixinjie/zaijia-tianxia',
      name: '在家天下',
      households: 960,
      propertyFirm: 'wanlong',
    },
  ],
  departments: [
    { id: 'jizhou-chengguan', name: '吉州区城市管理局', kind: 'chengguan', orgUnit: 'jian/jizhou' },
    { id: 'jizhou-zhujian', name: '吉州区住房和城乡建设局', kind: 'zhujian', orgUnit: 'jian/jizhou' },
    { id: 'jizhou-shichang', name: '吉州区市场监督管理局', kind: 'shichang-jianguan', orgUnit: 'jian/jizhou' },
    { id: 'jizhou-huanjing', name: '吉州生态环境局', kind: 'shengtai-huanjing', orgUnit: 'jian/jizhou' },
    { id: 'jizhou-shuiwu', name: '吉州区水务局', kind: 'shuiwu', orgUnit: 'jian/jizhou' },
    { id: 'xigu-paichusuo', name: '溪谷派出所', kind: 'paichusuo', orgUnit: 'jian/jizhou/xigu' },
    { id: 'xigu-chengguan', name: '溪谷街道城管执法中队', kind: 'chengguan', orgUnit: 'jian/jizhou/xigu' },
    { id: 'gunan-paichusuo', name: '古南派出所', kind: 'paichusuo', orgUnit: 'jian/jizhou/gunan' },
    { id: 'gunan-sifa', name: '古南司法所', kind: 'sifa', orgUnit: 'jian/jizhou/gunan' },
    { id: 'qingyuan-chengguan', name: '青原区城市管理局', kind: 'chengguan', orgUnit: 'jian/qingyuan' },
    { id: 'qingyuan-zhujian', name: '青原区住房和城乡建设局', kind: 'zhujian', orgUnit: 'jian/qingyuan' },
    { id: 'qingyuan-shichang', name: '青原区市场监督管理局', kind: 'shichang-jianguan', orgUnit: 'jian/qingyuan' },
    { id: 'hedong-paichusuo', name: '河东派出所', kind: 'paichusuo', orgUnit: 'jian/qingyuan/hedong' },
  ],
  ownersCommittees: [
    { id: 'jisheng-yeweihui', name: '吉盛小区业主委员会', compound: 'jian/jizhou/xigu/jisheng-sq/jisheng' },
    { id: 'shuangan-yeweihui', name: '双安家园业主委员会', compound: 'jian/jizhou/xigu/jisheng-sq/shuangan' },
    { id: 'chengjian-yeweihui', name: '城建花苑业主委员会', compound: 'jian/jizhou/gunan/taoshuxia/chengjian-huayuan' },
    { id: 'wenshan-yeweihui', name: '文山家园业主委员会', compound: 'jian/jizhou/gunan/huotoumen/wenshan-jiayuan' },
    { id: 'mingshi-yeweihui', name: '名仕家园业主委员会', compound: 'jian/qingyuan/hedong/anshi/mingshi-jiayuan' },
    { id: 'dijing-yeweihui', name: '帝景豪苑业主委员会', compound: 'jian/qingyuan/hedong/anshi/dijing-haoyuan' },
    { id: 'jianghua-yeweihui', name: '江华城业主委员会', compound: 'jian/qingyuan/binjiang/peixinjie/jianghua-cheng' },
    { id: 'zaijia-yeweihui', name: '在家天下业主委员会', compound: 'jian/qingyuan/binjiang/peixinjie/zaijia-tianxia' },
  ],
  partyBranches: [
    { id: 'jisheng-dangzhibu', name: '吉盛红色物业党支部', compound: 'jian/jizhou/xigu/jisheng-sq/jisheng' },
    { id: 'shuangan-dangzhibu', name: '双安家园党支部', compound: 'jian/jizhou/xigu/jisheng-sq/shuangan' },
    {
      id: 'chengjian-dangzhibu',
      name: '城建花苑小区党支部',
      compound: 'jian/jizhou/gunan/taoshuxia/chengjian-huayuan',
    },
    { id: 'jinhua-dangzhibu', name: '锦华物业党支部', compound: 'jian/jizhou/gunan/taoshuxia/chengjian-huayuan' },
    { id: 'wenshan-dangzhibu', name: '文山家园党支部', compound: 'jian/jizhou/gunan/huotoumen/wenshan-jiayuan' },
    { id: 'mingshi-dangzhibu', name: '名仕家园党支部', compound: 'jian/qingyuan/hedong/anshi/mingshi-jiayuan' },
    { id: 'dijing-dangzhibu', name: '帝景豪苑党支部', compound: 'jian/qingyuan/hedong/anshi/dijing-haoyuan' },
    { id: 'jianghua-dangzhibu', name: '江华城小区党支部', compound: 'jian/qingyuan/binjiang/peixinjie/jianghua-cheng' },
    { id: 'zaijia-dangzhibu', name: '在家天下党支部', compound: 'jian/qingyuan/binjiang/peixinjie/zaijia-tianxia' },
  ],
} satisfies DirectoryDocument;
