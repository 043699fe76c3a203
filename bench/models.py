"Models for the benchmarks: the library's (imported lazily) or clearly labelled torchvision stand-ins."
import torch, torch.nn as nn, torch.nn.functional as F
from _common import lazy


def cifar_resnet18_standin(n_out=10):
    "Stand-in baseline: torchvision ResNet-18 with a 3x3 stride-1 stem and no max-pool (the paper's CIFAR baseline layout)."
    from torchvision.models import resnet18
    m = resnet18(num_classes=n_out)
    m.conv1 = nn.Conv2d(3, 64, 3, 1, 1, bias=False); m.maxpool = nn.Identity()
    return m


class ScribeStandin(nn.Module):
    "Stand-in SCrIBE net: 3x3 stem, max-pool replaced by x2 bilinear upsampling, 1x1 conv head, upsampled seg logits, LME pooling r=0.5."
    def __init__(self, n_out=10, r=0.5):
        super().__init__()
        from torchvision.models import resnet18
        b = resnet18()
        self.body = nn.Sequential(nn.Conv2d(3, 64, 3, 1, 1, bias=True), b.bn1, b.relu, nn.Upsample(scale_factor=2, mode='bilinear'),
                                  b.layer1, b.layer2, b.layer3, b.layer4)
        self.head, self.r = nn.Conv2d(512, n_out, 1), r
    def segment(self, x): return F.interpolate(self.head(self.body(x)), size=x.shape[-2:], mode='bilinear')
    def forward(self, x):
        s = self.segment(x).flatten(2)
        return (torch.logsumexp(self.r * s, -1) - torch.log(torch.tensor(float(s.shape[-1])))) / self.r


def _ovr_bce(out, y): return F.binary_cross_entropy_with_logits(out, F.one_hot(y, out.shape[1]).to(out.dtype))


def get_model(kind, standin, n_out=10, width=1.0):
    "(model, loss_func, source label, missing message or None) for kind 'scribe' or 'baseline'."
    if kind == 'scribe':
        fn, miss = lazy('scribe_robust.ibe', 'scribe_resnet18', 'the SCrIBE model of this benchmark')
        loss, loss_miss = lazy('scribe_robust.ibe', 'scribe_loss', 'the SCrIBE loss')
        lsrc = ''
        if loss is None:   # same definition (one-vs-rest BCE on pooled logits); the timing does not depend on it
            loss, lsrc = _ovr_bce, ' + bench one-vs-rest BCE (scribe_robust.ibe.scribe_loss missing)'
        if fn is not None: return fn(n_out=n_out, width=width), loss, 'scribe_robust.ibe.scribe_resnet18' + lsrc, None
        if standin: return ScribeStandin(n_out), loss, 'STAND-IN ScribeStandin (torchvision ResNet-18 parts)' + lsrc, miss
        return None, None, None, miss
    fn, miss = lazy('scribe_robust.baselines', 'baseline_resnet18', 'the baseline (CIFAR ResNet-18) model of this benchmark')
    if fn is not None: return fn(n_out=n_out, width=width), nn.CrossEntropyLoss(), 'scribe_robust.baselines.baseline_resnet18', None
    if standin: return cifar_resnet18_standin(n_out), nn.CrossEntropyLoss(), 'STAND-IN torchvision resnet18 (CIFAR stem)', miss
    return None, None, None, miss
