import { AddressInfo, createConnection, createServer, Server, Socket } from 'node:net';

/**
 * A TCP proxy in front of a real server that can be made to stall: while stalled it keeps every
 * connection open and accepts what clients send, but passes nothing on in either direction, as a
 * server that hangs does (a lock held forever, a paused machine, a full disk). On `resume` what was
 * held back flows again; what a client sent on a connection it has since closed is dropped, as the
 * kernel drops it when a client gives up on a hung server.
 */
export class StallProxy {
  private readonly server: Server;
  private readonly pipes = new Set<{ client: Socket; upstream: Socket; held: { to: Socket; chunk: Buffer }[] }>();
  private stalled = false;

  private constructor(private readonly target: { host: string; port: number }) {
    this.server = createServer((client) => this.accept(client));
  }

  static async start(target: { host: string; port: number }): Promise<StallProxy> {
    const proxy = new StallProxy(target);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Connections currently open through the proxy. */
  get connections(): number {
    return this.pipes.size;
  }

  stall(): void {
    this.stalled = true;
  }

  resume(): void {
    this.stalled = false;
    for (const pipe of this.pipes) {
      for (const { to, chunk } of pipe.held.splice(0)) to.write(chunk);
    }
  }

  async stop(): Promise<void> {
    for (const { client, upstream } of this.pipes) {
      client.destroy();
      upstream.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    const upstream = createConnection(this.target);
    const pipe = { client, upstream, held: [] as { to: Socket; chunk: Buffer }[] };
    this.pipes.add(pipe);
    const forward = (to: Socket) => (chunk: Buffer) => {
      if (this.stalled) pipe.held.push({ to, chunk });
      else to.write(chunk);
    };
    client.on('data', forward(upstream));
    upstream.on('data', forward(client));
    const close = () => {
      this.pipes.delete(pipe);
      pipe.held.length = 0;
      client.destroy();
      upstream.destroy();
    };
    client.on('close', close);
    upstream.on('close', close);
    client.on('error', close);
    upstream.on('error', close);
  }
}
