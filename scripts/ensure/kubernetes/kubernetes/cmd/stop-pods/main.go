// stop-pods stops and removes every pod sandbox of a node through the CRI, as the kubelet would:
// containerd then tears down each pod's network (CNI DEL: its address, its iptables rules, its
// veth) and unmounts what the pod used. The embedded cluster's stop runs it after the kubelet.
// No CRI client ships on the reachable registries (crictl is not on the Go module proxy).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	runtime "k8s.io/cri-api/pkg/apis/runtime/v1"
)

func main() {
	endpoint := flag.String("endpoint", "", "the CRI socket, unix:///path")
	timeout := flag.Duration("timeout", 60*time.Second, "the whole operation's limit")
	flag.Parse()
	if *endpoint == "" {
		fmt.Fprintln(os.Stderr, "usage: stop-pods -endpoint unix:///path/to/containerd.sock")
		os.Exit(2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	conn, err := grpc.NewClient(*endpoint, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		fail(err)
	}
	defer conn.Close()
	client := runtime.NewRuntimeServiceClient(conn)
	list, err := client.ListPodSandbox(ctx, &runtime.ListPodSandboxRequest{})
	if err != nil {
		fail(err)
	}
	failed := 0
	for _, pod := range list.Items {
		if _, err := client.StopPodSandbox(ctx, &runtime.StopPodSandboxRequest{PodSandboxId: pod.Id}); err != nil {
			fmt.Fprintf(os.Stderr, "stop %s/%s: %v\n", pod.Metadata.GetNamespace(), pod.Metadata.GetName(), err)
			failed++
			continue
		}
		if _, err := client.RemovePodSandbox(ctx, &runtime.RemovePodSandboxRequest{PodSandboxId: pod.Id}); err != nil {
			fmt.Fprintf(os.Stderr, "remove %s/%s: %v\n", pod.Metadata.GetNamespace(), pod.Metadata.GetName(), err)
			failed++
		}
	}
	fmt.Printf("stopped %d pod sandbox(es), %d failed\n", len(list.Items)-failed, failed)
	if failed > 0 {
		os.Exit(1)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
