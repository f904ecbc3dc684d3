/** The people the Slack tests act as: Mei, an English-speaking rep, and 王芳, whose Slack is in 中文. */
export const MEI = { id: 'U0MEI', name: 'mei' };
export const WANG = { id: 'U0WANG', name: 'wang.fang', realName: '王芳', locale: 'zh-CN', timeZone: 'Asia/Shanghai' };
