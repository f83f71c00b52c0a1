// Small filings shared by the unit and LSP tests of the reading features.

/** A question with nested sections, a 万元 count table whose 2020 total is off by 100, and a closing section. */
export const SMALL_FILING = `问题1 关于商户
一、商户数量
(二)发行人小B商户是否区分独立个体户、连锁店、专业运营公司等
单位：万元
数量 | 2021.12.31 | 2020.12.31 | 2019.12.31 |
独立门店(含个体户) | 23,879 | 24,293 | 19,990 |
连锁店 | 1,121 | 918 | 1,200 |
专业运营公司 | 1 | 1 | - |
合计 | 25,001 | 25,311 | 21,190 |

二、其他
本节说明其他事项，包括经营情况与未来的发展规划。
`;
