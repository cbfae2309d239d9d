#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# algoff_sip_alg - an Ansible module that turns the SIP ALG off on one
# device by running "algoff apply --json". Standard library and Ansible's
# module utilities only. Secrets reach algoff through environment variables
# set only in algoff's environment (--password-env NAME), never in argv.

DOCUMENTATION = r'''
---
module: algoff_sip_alg
short_description: Turn the SIP ALG off on a router or firewall with algoff
description:
  - Runs C(algoff apply --json) for one device (precheck, backup, disable,
    verify, save; rollback when verification fails).
  - C(changed) is true only when algoff sent configuration commands that the
    device accepted (outcome C(disabled), or a failed run that had already
    changed something); a device whose ALG was already off is not changed.
  - In check mode algoff prints the plan (C(--dry-run)) and does not contact
    the device; the plan is returned in C(plan) and C(changed) is false.
  - Passwords are passed to algoff in environment variables of the algoff
    process only; they never appear in its command line.
options:
  algoff: {description: Path of the algoff binary., type: str, default: algoff}
  vendor: {description: Vendor profile id (see C(algoff vendors))., type: str, required: true}
  host: {description: Host name or address of the device., type: str}
  port: {description: SSH port., type: int, default: 22}
  user: {description: Login name., type: str}
  password: {description: Login password., type: str, no_log: true}
  enable_password: {description: Enable secret (families with an enable step)., type: str, no_log: true}
  identity: {description: Private key file., type: path}
  passphrase: {description: Passphrase of the identity file., type: str, no_log: true}
  known_hosts: {description: OpenSSH known_hosts file., type: path}
  accept_new_host_key: {description: Add an unknown host key (a changed key is always refused)., type: bool, default: false}
  backup_dir: {description: Where algoff saves the running configuration., type: path}
  timeout: {description: Per-command timeout in seconds., type: int}
  variables: {description: Template variables the vendor declares (C(--var NAME=VALUE))., type: dict, default: {}}
'''

RETURN = r'''
outcome: {description: "disabled, already-disabled, verified-off, still-on, rolled-back or failed", type: str}
backup: {description: Path of the configuration backup, type: str}
applied: {description: Configuration commands the device accepted, type: list}
commands: {description: Every command sent with its step and status, type: list}
alg_before: {description: "on, off or null", type: str}
alg_after: {description: "on, off or null", type: str}
plan: {description: "Check mode: the steps and commands algoff would send", type: list}
'''

import json

from ansible.module_utils.basic import AnsibleModule

# environment variable names used only in algoff's environment
ENV = {
    'password': ('ALGOFF_ANSIBLE_PASSWORD', '--password-env'),
    'enable_password': ('ALGOFF_ANSIBLE_ENABLE', '--enable-password-env'),
    'passphrase': ('ALGOFF_ANSIBLE_PASSPHRASE', '--passphrase-env'),
}

ARGS = dict(
    algoff=dict(type='str', default='algoff'),
    vendor=dict(type='str', required=True),
    host=dict(type='str'),
    port=dict(type='int', default=22),
    user=dict(type='str'),
    password=dict(type='str', no_log=True),
    enable_password=dict(type='str', no_log=True),
    identity=dict(type='path'),
    passphrase=dict(type='str', no_log=True),
    known_hosts=dict(type='path'),
    accept_new_host_key=dict(type='bool', default=False),
    backup_dir=dict(type='path'),
    timeout=dict(type='int'),
    variables=dict(type='dict', default={}),
)


def build_command(module, p):
    """argv and the environment additions (secrets) for algoff apply."""
    cmd = [p['algoff'], 'apply', '--json', '--vendor', p['vendor']]
    env = {}
    for opt in ('host', 'user', 'identity', 'known_hosts', 'backup_dir'):
        if p[opt] is not None:
            cmd += ['--' + opt.replace('_', '-'), p[opt]]
    if p['host'] is not None:
        cmd += ['--port', str(p['port'])]
    if p['timeout'] is not None:
        cmd += ['--timeout', str(p['timeout'])]
    if p['accept_new_host_key']:
        cmd.append('--accept-new-host-key')
    for name, (var, flag) in ENV.items():
        if p[name] is not None:
            env[var] = p[name]
            cmd += [flag, var]
    for name, value in sorted(p['variables'].items()):
        cmd += ['--var', '%s=%s' % (name, value)]
    if module.check_mode:
        cmd.append('--dry-run')
    return cmd, env


def parse_json(out):
    try:
        return json.loads(out)
    except ValueError:
        return None


def main():
    module = AnsibleModule(argument_spec=ARGS, supports_check_mode=True)
    p = module.params
    if not module.check_mode and (p['host'] is None or p['user'] is None):
        module.fail_json(msg='host and user are required (except in '
                         'check mode)')
    cmd, env = build_command(module, p)
    rc, out, err = module.run_command(cmd, environ_update=env)
    res = parse_json(out)
    if module.check_mode:
        if rc != 0 or res is None:
            module.fail_json(msg='algoff apply --dry-run failed: %s' %
                             (err.strip() or out.strip()), rc=rc)
        module.exit_json(changed=False, outcome='planned',
                         plan=res.get('steps', []),
                         variant=res.get('variant'),
                         msg='check mode: plan only, the device was not '
                             'contacted')
    if res is None:
        module.fail_json(msg='algoff apply failed: %s' %
                         (err.strip() or out.strip() or 'no output'), rc=rc)
    applied = res.get('applied') or []
    result = dict(
        changed=res.get('outcome') == 'disabled' or len(applied) > 0,
        outcome=res.get('outcome'), backup=res.get('backup'),
        applied=applied, commands=res.get('commands', []),
        alg_before=res.get('alg_before'), alg_after=res.get('alg_after'),
        variant=res.get('variant'), rc=rc,
        msg=res.get('reason') or res.get('outcome'))
    if rc != 0 or not res.get('ok', False):
        result['error'] = res.get('error')
        result['msg'] = 'algoff: %s: %s' % (res.get('outcome'),
                                            res.get('reason') or
                                            res.get('error'))
        module.fail_json(**result)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
