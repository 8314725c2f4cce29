// `npm run demo` runs this before starting the API and the worker.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadConfigOrExit } from '@app/config';
import { DEMO_PASSWORD } from './putuo-2020.js';
import { DemoLoader } from './demo-loader.js';
import { DemoModule } from './demo.module.js';

const config = loadConfigOrExit();
const context = await NestFactory.createApplicationContext(DemoModule.register(config), {
  bufferLogs: true,
});
context.useLogger(context.get(Logger));
const { accounts, ballot, evaluation } = await context.get(DemoLoader).load();
await context.close();

const address = `http://localhost:${config.http.port}`;
console.log(`
民生实事演示数据已就绪 / The Minsheng demo district is ready: 2020年普陀区民生实事项目
  打开网站 / Open the app: ${address}/
  API docs / 接口文档: ${address}/api/docs
  Queues / 队列面板:  ${address}/api/admin/queues (secretariat)
  Password for every account / 所有账号密码: ${DEMO_PASSWORD}
`);
const width = Math.max(...accounts.map((account) => account.login.length));
for (const account of accounts) {
  console.log(`  ${account.login.padEnd(width)}  ${account.role}  ${account.name}`);
}

const printShares = (
  heading: string,
  open: { id: string; keyShares: string[]; sharesRequired: number },
) => {
  console.log(`
${heading}
  代表投票 / deputies vote at:       ${address}/ballots/${open.id}/vote
  投票管理 / the secretariat runs it: ${address}/secretariat/ballots/${open.id}
监票人密钥分片（只显示这一次，系统不保存）/ The scrutineers' key shares (shown this once, stored nowhere):`);
  for (const [index, share] of open.keyShares.entries()) {
    console.log(`  监票人 ${index + 1} / scrutineer ${index + 1}:  ${share}`);
  }
  console.log(
    `  开箱计票需要其中任意 ${open.sharesRequired} 份 / Any ${open.sharesRequired} of them open the box at the count.`,
  );
};
if (ballot) {
  printShares("2020 票决已开始 / The 2020 deputies' ballot is open", ballot);
}
if (evaluation) {
  printShares('2019 满意度测评已开始 / The 2019 satisfaction evaluation is open', evaluation);
}
