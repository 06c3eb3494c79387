package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Requests are read the way the API server's request-info resolver reads them for RBAC. */
class KubernetesRequestTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            GET    | /apis/tekton.dev/v1/namespaces/ci/pipelineruns?labelSelector=a%3Db                           | list tekton.dev/pipelineruns in ci
            GET    | /apis/tekton.dev/v1/namespaces/ci/pipelineruns?allowWatchBookmarks=true&watch=true             | watch tekton.dev/pipelineruns in ci
            GET    | /apis/tekton.dev/v1beta1/namespaces/ci-classic/pipelineruns/run-1                             | get tekton.dev/pipelineruns in ci-classic
            POST   | /apis/tekton.dev/v1/namespaces/ci/pipelineruns                                                | create tekton.dev/pipelineruns in ci
            PATCH  | /apis/tekton.dev/v1/namespaces/ci/pipelineruns/run-1                                          | patch tekton.dev/pipelineruns in ci
            PATCH  | /apis/tekton.dev/v1/namespaces/ci/pipelineruns/run-1/status                                   | patch tekton.dev/pipelineruns/status in ci
            PUT    | /apis/coordination.k8s.io/v1/namespaces/hookline/leases/lease                                 | update coordination.k8s.io/leases in hookline
            DELETE | /apis/tekton.dev/v1/namespaces/ci/pipelineruns/run-1                                          | delete tekton.dev/pipelineruns in ci
            DELETE | /apis/tekton.dev/v1/namespaces/ci/pipelineruns?labelSelector=x                                | deletecollection tekton.dev/pipelineruns in ci
            GET    | /api/v1/namespaces/ci/secrets/token                                                           | get core/secrets in ci
            GET    | /apis/tekton.dev/v1/pipelineruns                                                              | list tekton.dev/pipelineruns in (cluster)
            GET    | /api/v1/namespaces/ci                                                                         | get core/namespaces in (cluster)
            GET    | /apis/tekton.dev/v1                                                                           | get /apis/tekton.dev/v1
            """)
    void readsVerbGroupResourceAndNamespace(String method, String path, String tuple) {
        assertThat(KubernetesRequest.of(method, path).tuple()).isEqualTo(tuple);
    }

    @ParameterizedTest
    @CsvSource({"/api", "/api/v1", "/apis", "/apis/tekton.dev", "/apis/tekton.dev/v1", "/version"})
    void discoveryDocuments_areRecognised(String path) {
        assertThat(KubernetesRequest.of("GET", path).discovery()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"GET, /apis/tekton.dev/v1/namespaces/ci/pipelineruns", "POST, /apis/tekton.dev/v1", "GET, /metrics"})
    void anythingElse_isNoDiscovery(String method, String path) {
        assertThat(KubernetesRequest.of(method, path).discovery()).isFalse();
    }
}
