#!/usr/bin/env python3
"""CPU seconds the benchmark JVM spent in each stage, from its JFR recording and its run log.

Wall seconds swing with whatever else shares the machine; the JVM's own CPU seconds much less.
Usage:
  jfr print --events jdk.CPULoad run.jfr > cpuload.txt
  jobs/cpu-by-stage.py cpuload.txt run.log [cores]
jdk.CPULoad gives, about once a second, the JVM's user and system share of all cores and the
machine's; each share is integrated over the stage's window ("Stage X starts" .. "Stage X took").
"""
import re, sys
ev=[]; cur={}
for line in open(sys.argv[1]):
    m=re.match(r'\s+(startTime|jvmUser|jvmSystem|machineTotal) = (\S+)', line)
    if m:
        k,v=m.groups()
        cur[k]=v
        if k=='machineTotal':
            t=cur['startTime']; h,mi,s=t.split(':'); sec=int(h)*3600+int(mi)*60+float(s)
            ev.append((sec,float(cur['jvmUser'].rstrip('%')),float(cur['jvmSystem'].rstrip('%')),float(v.rstrip('%'))))
ev.sort()
def ts(x):
    h,m,s=x.split(':'); return int(h)*3600+int(m)*60+float(s)
stages=[]; start={}
for line in open(sys.argv[2]):
    m=re.match(r'(\d\d:\d\d:\d\d) INFO\s+(\S+ )?.*Stage (\w+) (starts|took)', line)
    if m:
        t,_,st,w=m.groups()
        if w=='starts': start[st]=ts(t)
        else: stages.append((st,start[st],ts(t)))
cores=int(sys.argv[3]) if len(sys.argv) > 3 else 2
for st,a,b in stages:
    jvm=0; machine=0
    for i in range(1,len(ev)):
        t0,t1=ev[i-1][0],ev[i][0]
        if t1<=a or t1>b: continue
        dt=t1-t0
        jvm+=(ev[i][1]+ev[i][2])/100*cores*dt; machine+=ev[i][3]/100*cores*dt
    print(f"{st:8s} wall {b-a:6.0f} s  jvm cpu {jvm:7.0f} s  machine cpu {machine:7.0f} s  others {machine-jvm:6.0f} s")
