// Starts the ModelRegistry local registry as a child process for one test file and stops it afterwards.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const readyLine = /^Listening on (http:\/\/127\.0\.0\.1:\d+)\s*$/;
const startupTimeoutMs = 60_000;
const stopTimeoutMs = 5_000;

/**
 * The command that runs the registry: the published DLL that build.ps1 names in
 * MODELREGISTRY_LOCAL_REGISTRY_DLL, else `dotnet run` on the project (slower, for development).
 */
function registryCommand(registryArguments) {
  const publishedDll = process.env.MODELREGISTRY_LOCAL_REGISTRY_DLL;
  if (publishedDll) {
    return ['dotnet', [resolve(repositoryRoot, publishedDll), ...registryArguments]];
  }
  return ['dotnet', ['run', '--project', join('src', 'ModelRegistry.LocalRegistry'), '--', ...registryArguments]];
}

/**
 * Starts a registry on a free port and resolves once it prints its ready line.
 * @param {{ persistent?: boolean, dataDirectory?: string }} options state lives in memory unless
 *   `dataDirectory` names a SQLite data directory the caller owns (kept at stop), or `persistent` asks
 *   for a temporary one (removed at stop).
 * @returns {Promise<{ endpoint: string, port: number, dataDirectory: string | undefined, stop: () => Promise<void> }>}
 */
export async function startLocalRegistry({ persistent = false, dataDirectory: ownedDataDirectory } = {}) {
  const temporaryDataDirectory = persistent && !ownedDataDirectory
    ? await mkdtemp(join(tmpdir(), 'modelregistry-conformance-'))
    : undefined;
  const dataDirectory = ownedDataDirectory ?? temporaryDataDirectory;
  // --parent-pid makes the registry exit by itself should this test process die without cleaning up.
  const registryArguments = ['--port', '0', '--parent-pid', String(process.pid)];
  if (dataDirectory) {
    registryArguments.push('--data-dir', dataDirectory);
  }

  const [command, commandArguments] = registryCommand(registryArguments);
  // A process group of its own, so stopping `dotnet run` also stops the server it started.
  const child = spawn(command, commandArguments, {
    cwd: repositoryRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' },
  });
  const exited = new Promise((resolveExit) => child.once('exit', (code, signal) => resolveExit({ code, signal })));
  const stopOnExit = () => signalGroup(child, 'SIGKILL');
  process.once('exit', stopOnExit);

  let output = '';
  const collect = (chunk) => {
    output = (output + chunk).slice(-8_000);
  };
  child.stderr.setEncoding('utf8').on('data', collect);

  try {
    const endpoint = await waitForReadyLine(child, exited, collect, () => output);
    const port = Number(new URL(endpoint).port);
    return {
      endpoint,
      port,
      dataDirectory,
      async stop() {
        process.removeListener('exit', stopOnExit);
        await stopChild(child, exited);
        if (temporaryDataDirectory) {
          await rm(temporaryDataDirectory, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    process.removeListener('exit', stopOnExit);
    await stopChild(child, exited);
    if (temporaryDataDirectory) {
      await rm(temporaryDataDirectory, { recursive: true, force: true });
    }
    throw error;
  }
}

function waitForReadyLine(child, exited, collect, recentOutput) {
  return new Promise((resolveReady, rejectReady) => {
    let pending = '';
    const timer = setTimeout(
      () => rejectReady(new Error(`The local registry printed no ready line within ${startupTimeoutMs / 1000} s. Output:\n${recentOutput()}`)),
      startupTimeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      collect(chunk);
      pending += chunk;
      const lines = pending.split(/\r?\n/);
      pending = lines.pop();
      for (const line of lines) {
        const match = readyLine.exec(line);
        if (match) {
          clearTimeout(timer);
          resolveReady(match[1]);
        }
      }
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      rejectReady(new Error(`The local registry exited (code ${code}, signal ${signal}) before it was ready. Output:\n${recentOutput()}`));
    });
  });
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch (error) {
    if (error.code !== 'ESRCH') {
      throw error;
    }
  }
}

async function stopChild(child, exited) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  signalGroup(child, 'SIGTERM');
  const stoppedInTime = await Promise.race([
    exited.then(() => true),
    new Promise((resolveTimeout) => setTimeout(() => resolveTimeout(false), stopTimeoutMs).unref()),
  ]);
  if (!stoppedInTime) {
    signalGroup(child, 'SIGKILL');
    await exited;
  }
}
