/**
 * Projects in pyshim's fish commands: mkproject with PROJECT_HOME,
 * setvirtualenvproject, cdproject and workon's cd to the project, as
 * virtualenvwrapper's own cases check them (its tests test_project*,
 * test_setvirtualenvproject), translated to fish and run in real fish.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeWith, itWith, shells, systemPython3 } from '../helpers/machine.js';
import { debianVirtualenvwrapper, makeFishWorld, py312, type FishWorld } from './world.js';

describeWith(shells.fish && py312, 'fish and a CPython 3.12')('projects in fish', () => {
  let w: FishWorld;
  let projectHome: string;
  beforeEach(() => {
    w = makeFishWorld();
    projectHome = path.join(w.home, 'projects');
    fs.mkdirSync(projectHome);
    w.env.PROJECT_HOME = projectHome;
  });
  afterEach(() => w.cleanup());

  const env = (name: string) => path.join(w.workonHome, name);

  describe('mkproject', () => {
    it('makes the project directory and the environment, associates them, and goes there', async () => {
      const r = await w.fish('cd /; mkproject myproject; echo "S=$status"; echo "VE=$VIRTUAL_ENV"; echo "PWD=$PWD"');
      const project = path.join(projectHome, 'myproject');
      expect(r.value('S')).toBe('0');
      expect(r.value('VE')).toBe(env('myproject'));
      expect(r.value('PWD')).toBe(project);
      expect(r.stdout).toContain(`Creating ${project}\nSetting project for myproject to ${project}\n`);
      expect(fs.readFileSync(path.join(env('myproject'), '.project'), 'utf8')).toBe(`${project}\n`);
    });

    it('runs premkproject NAME from WORKON_HOME, and sources postmkproject.fish in the project', async () => {
      const hookDir = path.join(w.workonHome, 'hooks');
      const out = path.join(w.tools, 'catch_output');
      await w.fish('workon', { env: { VIRTUALENVWRAPPER_HOOK_DIR: hookDir } });
      // Appended to the template, which is executable, as virtualenvwrapper's test does.
      fs.appendFileSync(path.join(hookDir, 'premkproject'), `echo "GLOBAL premkproject $(pwd) $*" >> '${out}'\n`);
      fs.writeFileSync(path.join(hookDir, 'postmkproject.fish'), `echo "GLOBAL postmkproject $PWD" >> '${out}'\n`);
      await w.fish('mkproject myproject3 >/dev/null', { env: { VIRTUALENVWRAPPER_HOOK_DIR: hookDir } });
      expect(fs.readFileSync(out, 'utf8')).toBe(`GLOBAL premkproject ${w.workonHome} myproject3\nGLOBAL postmkproject ${path.join(projectHome, 'myproject3')}\n`);
    });

    it('refuses without PROJECT_HOME, or with one that does not exist, making nothing', async () => {
      const unset = await w.fish('set -e PROJECT_HOME; mkproject p; echo "S=$status"');
      expect(unset.value('S')).toBe('1');
      expect(unset.stderr).toContain('mkproject: PROJECT_HOME is not set');
      const missing = await w.fish('mkproject should_not_be_created; echo "S=$status"', { env: { PROJECT_HOME: path.join(projectHome, 'not_there') } });
      expect(missing.value('S')).toBe('1');
      expect(missing.stderr).toContain(`the project directory ${path.join(projectHome, 'not_there')} does not exist`);
      expect(fs.existsSync(env('should_not_be_created'))).toBe(false);
      expect(fs.existsSync(env('p'))).toBe(false);
    });

    it('refuses a project that exists, unless -f', async () => {
      const r = await w.fish(
        ['mkproject myproject4 >/dev/null; deactivate', 'mkproject myproject4; echo "AGAIN=$status"', 'mkproject -f myproject4 >/dev/null; echo "FORCE=$status"; echo "VE=$VIRTUAL_ENV"'].join(
          '\n',
        ),
      );
      expect(r.value('AGAIN')).toBe('1');
      expect(r.stderr).toContain('mkproject: project myproject4 already exists');
      expect(r.value('FORCE')).toBe('0');
      expect(r.value('VE')).toBe(env('myproject4'));
      expect(r.stderr.match(/already exists/g)).toHaveLength(1);
    });

    it('passes mkvirtualenv options on, writes VIRTUALENVWRAPPER_PROJECT_FILENAME, and works with spaces in PROJECT_HOME', async () => {
      const spaced = path.join(projectHome, 'with spaces');
      fs.mkdirSync(spaced);
      const r = await w.fish('mkproject --system-site-packages myproject6; echo "S=$status"', {
        env: { VIRTUALENVWRAPPER_PROJECT_FILENAME: '.not-project', PROJECT_HOME: spaced },
      });
      expect(r.value('S')).toBe('0');
      expect(fs.readFileSync(path.join(env('myproject6'), '.not-project'), 'utf8')).toBe(`${path.join(spaced, 'myproject6')}\n`);
      expect(fs.existsSync(path.join(env('myproject6'), '.project'))).toBe(false);
      expect(fs.readFileSync(path.join(env('myproject6'), 'pyvenv.cfg'), 'utf8')).toMatch(/^include-system-site-packages = true$/m);
    });

    it('works when PROJECT_HOME is WORKON_HOME', async () => {
      const r = await w.fish('mkproject myproject5; echo "S=$status"; echo "PWD=$PWD"', { env: { PROJECT_HOME: w.workonHome } });
      expect(r.value('S')).toBe('0');
      expect(r.value('PWD')).toBe(env('myproject5'));
      expect(fs.readFileSync(path.join(env('myproject5'), '.project'), 'utf8')).toBe(`${env('myproject5')}\n`);
    });

    itWith(systemPython3 && debianVirtualenvwrapper, "Debian's virtualenvwrapper")(
      '-t runs virtualenvwrapper project templates through its hook loader, in order; without the loader it says why',
      async () => {
        // A template plugin, installed the way plugins are: an entry point.
        const plugins = path.join(w.home, 'plugins');
        fs.mkdirSync(path.join(plugins, 'faketemplate-1.0.dist-info'), { recursive: true });
        fs.writeFileSync(
          path.join(plugins, 'faketemplate.py'),
          'import os\ndef template(args):\n    name, project = args\n    with open(os.path.join(project, "from-template"), "a") as f:\n        f.write(name + " " + os.getcwd() + "\\n")\n',
        );
        fs.writeFileSync(path.join(plugins, 'faketemplate-1.0.dist-info', 'METADATA'), 'Metadata-Version: 2.1\nName: faketemplate\nVersion: 1.0\n');
        fs.writeFileSync(path.join(plugins, 'faketemplate-1.0.dist-info', 'entry_points.txt'), '[virtualenvwrapper.project.template]\nfake = faketemplate:template\n');
        const r = await w.fish('mkproject -t fake -t fake withtemplate; echo "S=$status"', { env: { VIRTUALENVWRAPPER_PYTHON: systemPython3!, PYTHONPATH: plugins } });
        expect(r.value('S')).toBe('0');
        expect(r.stdout).toContain('\nApplying template fake\n');
        const project = path.join(projectHome, 'withtemplate');
        expect(fs.readFileSync(path.join(project, 'from-template'), 'utf8')).toBe(`withtemplate ${w.workonHome}\n`.repeat(2));

        const without = await w.fish('mkproject -t fake notemplate; echo "S=$status"', { env: { VIRTUALENVWRAPPER_PYTHON: py312!.path } });
        expect(without.value('S')).toBe('1');
        expect(without.stderr).toContain(`mkproject: template fake failed; it needs virtualenvwrapper for VIRTUALENVWRAPPER_PYTHON=${py312!.path}`);
      },
    );
  });

  describe('workon and cdproject', () => {
    beforeEach(async () => {
      const r = await w.fish('mkproject myproject >/dev/null; and mkvirtualenv noproject >/dev/null; and deactivate; or echo SETUP-FAILED');
      expect(r.stdout).not.toContain('SETUP-FAILED');
    });
    const project = () => path.join(projectHome, 'myproject');

    it('workon cds to the project, unless -n, --no-cd or VIRTUALENVWRAPPER_WORKON_CD=0', async () => {
      const r = await w.fish(
        [
          'cd /tmp; workon myproject; echo "PWD1=$PWD"',
          'cd /tmp; workon -n myproject; echo "PWD2=$PWD"',
          'cd /tmp; workon --no-cd myproject; echo "PWD3=$PWD"',
          'cd /tmp; set -gx VIRTUALENVWRAPPER_WORKON_CD 0; workon myproject; echo "PWD4=$PWD"',
          'cd /tmp; workon -c myproject; echo "PWD5=$PWD"',
        ].join('\n'),
      );
      expect([r.value('PWD1'), r.value('PWD2'), r.value('PWD3'), r.value('PWD4'), r.value('PWD5')]).toEqual([project(), '/tmp', '/tmp', '/tmp', project()]);
    });

    it('cdproject goes to the project; without one it says "No project set" and fails', async () => {
      const r = await w.fish(['workon -n myproject; cd /tmp; cdproject; echo "PWD=$PWD"', 'workon noproject; cd /tmp; cdproject; echo "S=$status"; echo "PWD2=$PWD"'].join('\n'));
      expect(r.value('PWD')).toBe(project());
      expect(r.value('S')).toBe('1');
      expect(r.value('PWD2')).toBe('/tmp');
      expect(r.stderr).toContain(`No project set in ${path.join(env('noproject'), '.project')}`);
    });
  });

  describe('setvirtualenvproject', () => {
    beforeEach(async () => {
      const r = await w.fish('for n in 1 2 3 4 5; mkvirtualenv env$n >/dev/null; or echo SETUP-FAILED; end; deactivate');
      expect(r.stdout).not.toContain('SETUP-FAILED');
    });
    const pointer = (n: number) => fs.readFileSync(path.join(env(`env${n}`), '.project'), 'utf8');

    it('records an absolute path, a relative one made absolute (.. too), and refuses a file or a missing directory', async () => {
      const r = await w.fish(
        [
          'mkdir $WORKON_HOME/project1; setvirtualenvproject env1 $WORKON_HOME/project1 >/dev/null',
          'cd $WORKON_HOME; mkdir project2; setvirtualenvproject env2 project2 >/dev/null',
          'touch project3; setvirtualenvproject env3 project3; echo "NOT-DIR=$status"',
          'setvirtualenvproject env4 project4; echo "MISSING=$status"',
          'mkdir project5 project5.sibling; cd project5.sibling; setvirtualenvproject env5 ../project5; echo "DOTS=$status"',
        ].join('\n'),
      );
      expect(pointer(1)).toBe(`${path.join(w.workonHome, 'project1')}\n`);
      expect(pointer(2)).toBe(`${path.join(w.workonHome, 'project2')}\n`);
      expect(r.value('NOT-DIR')).toBe('1');
      expect(r.value('MISSING')).toBe('1');
      expect(fs.existsSync(path.join(env('env3'), '.project'))).toBe(false);
      expect(fs.existsSync(path.join(env('env4'), '.project'))).toBe(false);
      expect(r.value('DOTS')).toBe('0');
      expect(pointer(5)).toBe(`${path.join(w.workonHome, 'project5')}\n`);
    });
  });
});
